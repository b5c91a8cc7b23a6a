import type { AccessRequest, PersonRef } from '../access-request.model.js';

/**
 * What a person is told about a request, at each step: `awaiting-decision` to the approvers of the stage that opened
 * (and the security officer's channel for a security-officer stage), `reminder` and `escalated` when it waits too
 * long, the outcome (`approved`, `rejected`, `expired`, `cancelled`) to the requester and the beneficiary,
 * `provisioned`, `ended` and `revoked` when the directory changed, `provisioning-failed` to the administrators.
 */
export const REQUEST_NOTICE_KINDS = [
  'submitted',
  'awaiting-decision',
  'reminder',
  'escalated',
  'approved',
  'rejected',
  'expired',
  'cancelled',
  'provisioned',
  'provisioning-failed',
  'revoked',
  'ended',
] as const;
export type RequestNoticeKind = (typeof REQUEST_NOTICE_KINDS)[number];

export interface RequestNotice {
  kind: RequestNoticeKind;
  request: AccessRequest;
  /** The people told, with their mail when the directory has one (no mail: the webhook channel only). */
  recipients: PersonRef[];
  /** Also the security officer's channels (alerts' recipients): security-officer stages, escalations, failures. */
  securityOfficer: boolean;
  /** The link to the request's decision page (alerts.publicUrl + /requests/<id>), null without a public URL. */
  link: string | null;
}

/** Sends a notice on every configured channel (mail to each recipient, the webhook once). */
export abstract class RequestNotifier {
  /** Which channels took it; a channel that fails is reported, and the job that sent it is tried again. */
  abstract notify(notice: RequestNotice): Promise<{ sent: string[]; failed: Array<{ channel: string; reason: string }> }>;
}

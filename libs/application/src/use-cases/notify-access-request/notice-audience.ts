import type { AccessRequest, PersonRef, RequestNoticeKind } from '#vigie/requests';

/** Who a notice is for, before the approvers' person keys are looked up. */
export interface NoticeAudience {
  /** People the request itself names, with the mail copied when it was made: the requester and the beneficiary. */
  people: PersonRef[];
  /** Person keys of the current stage's approvers (their deputies in force are told too). */
  approvers: string[];
  /** The security officer's channels too. */
  securityOfficer: boolean;
}

/** Steps and outcomes the requester and the beneficiary are told of. */
const TO_REQUESTER: ReadonlySet<RequestNoticeKind> = new Set(['submitted', 'approved', 'rejected', 'expired', 'cancelled', 'provisioned', 'revoked', 'ended']);

/**
 * Who is told of each kind of notice: whoever must decide now for `awaiting-decision` and `reminder`; the security
 * officer for a security-officer stage, an escalation or a provisioning the queue gave up on; the requester and the
 * beneficiary of every step and outcome that concerns them. Null when the notice no longer holds: a request that left
 * pending asks nobody for a decision any more (the job ran after the decision, or after a retry).
 */
export function audienceOf(kind: RequestNoticeKind, request: AccessRequest): NoticeAudience | null {
  if (TO_REQUESTER.has(kind)) return { people: onePerKey([request.requester, request.beneficiary]), approvers: [], securityOfficer: false };
  if (kind === 'provisioning-failed') return { people: [], approvers: [], securityOfficer: true };
  const stage = request.status === 'pending' && request.currentStage !== null ? request.stages[request.currentStage] : undefined;
  if (!stage) return null;
  if (kind === 'escalated') return { people: [], approvers: [], securityOfficer: true };
  // A stage nobody can be named for (no manager in the directory, an owner without an account) would wait unseen
  // until it expires: the security officer hears of it instead.
  if (stage.kind === 'security-officer' || !stage.approvers.length) return { people: [], approvers: [], securityOfficer: true };
  return { people: [], approvers: [...new Set(stage.approvers)], securityOfficer: false };
}

export function onePerKey(people: readonly PersonRef[]): PersonRef[] {
  const byKey = new Map<string, PersonRef>();
  for (const p of people) if (!byKey.has(p.key)) byKey.set(p.key, p);
  return [...byKey.values()];
}

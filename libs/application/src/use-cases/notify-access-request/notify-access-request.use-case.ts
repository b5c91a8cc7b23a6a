import type * as z from 'zod';
import { VigieError } from '#vigie/common';
import type { AccessRequestStore, PersonRef, RequestNoticeKind, RequestNotifier } from '#vigie/requests';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { audienceOf, onePerKey } from './notice-audience.js';
import { notifyAccessRequestInput } from './notify-access-request.input.js';

export interface NotifyAccessRequestOutput {
  requestId: string;
  kind: RequestNoticeKind;
  /** How many people were told (by mail when they have an address), the security officer's channels apart. */
  told: number;
  withoutMail: number;
  securityOfficer: boolean;
  /** The channels that took it. */
  sent: string[];
  /** Why nothing was sent, when the notice no longer holds. */
  skipped: string | null;
}

export interface NotifyAccessRequestDeps {
  requests: Pick<AccessRequestStore, 'get' | 'delegationsFrom'>;
  /** People by person key, with their mail, from the latest snapshots (SnapshotPeople). */
  people: (keys: readonly string[]) => Promise<PersonRef[]>;
  notifier: RequestNotifier;
  /** http.publicUrl: the link to the request's page; none without it. */
  publicUrl: string | null;
  now?: () => Date;
}

/**
 * Sends one notice about an access request (the `access.notify` job, enqueued by the step that calls for it): works
 * out who is told from the request as it is now, and sends on every channel. A channel that fails fails the job as
 * 'unavailable', and the queue tries again later.
 *
 * At least once, not exactly once: the retry sends on every channel again, so a channel that took the notice on the
 * first try (the webhook, or some recipients' mail) gets it twice. Remembering which channel took it would need a
 * write per send (a table, or a job per channel); a second mail is a nuisance where a lost one leaves a request
 * waiting unseen, and the webhook event carries the request id and kind for a receiver that wants to drop repeats.
 */
export class NotifyAccessRequest implements UseCase<typeof notifyAccessRequestInput, NotifyAccessRequestOutput> {
  static readonly definition: UseCaseDefinition<typeof notifyAccessRequestInput> = { name: 'notify-access-request', input: notifyAccessRequestInput };
  readonly definition = NotifyAccessRequest.definition;

  constructor(private readonly deps: NotifyAccessRequestDeps) {}

  async execute({ requestId, kind }: z.output<typeof notifyAccessRequestInput>): Promise<NotifyAccessRequestOutput> {
    const request = await this.deps.requests.get(requestId);
    // not-found fails the job at once: no retry will make the request appear.
    if (!request) throw new VigieError('not-found', `no access request has the id ${requestId}`);
    const audience = audienceOf(kind, request);
    if (!audience) {
      return {
        requestId,
        kind,
        told: 0,
        withoutMail: 0,
        securityOfficer: false,
        sent: [],
        skipped: `the request is ${request.status}: nobody is asked to decide`,
      };
    }
    const recipients = onePerKey([...audience.people, ...(await this.approversAndDeputies(audience.approvers))]);
    const link = this.deps.publicUrl ? `${this.deps.publicUrl.replace(/\/+$/, '')}/requests/${request.id}` : null;
    const { sent, failed } = await this.deps.notifier.notify({ kind, request, recipients, securityOfficer: audience.securityOfficer, link });
    if (failed.length) {
      const what = failed.map((f) => `${f.channel} (${f.reason})`).join('; ');
      throw new VigieError('unavailable', `the ${kind} notice of access request ${requestId} was not sent on ${what}; the job will try again`);
    }
    return {
      requestId,
      kind,
      told: recipients.length,
      withoutMail: recipients.filter((p) => !p.mail).length,
      securityOfficer: audience.securityOfficer,
      sent,
      skipped: null,
    };
  }

  /** The approvers as the snapshots know them now, and the deputies they named for today (holidays). */
  private async approversAndDeputies(keys: string[]): Promise<PersonRef[]> {
    if (!keys.length) return [];
    const now = (this.deps.now ?? (() => new Date()))();
    const [approvers, delegations] = await Promise.all([this.deps.people(keys), Promise.all(keys.map((k) => this.deps.requests.delegationsFrom(k, now)))]);
    // delegationsFrom answers the ones in force at `now` or later: only those in force now decide today.
    const deputies = delegations
      .flat()
      .filter((d) => !d.revokedAt && d.from <= now && now < d.until)
      .map((d) => d.deputy);
    return [...approvers, ...deputies];
  }
}

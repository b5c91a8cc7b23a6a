import { RequestNotifier, type RequestNotice } from '#vigie/requests';
import { SILENT_LOGGER, type VigieLogger } from '#vigie/logging';
import type { SmtpMailer } from '../channels/smtp.mailer.js';
import type { WebhookPoster } from '../channels/webhook.poster.js';
import { requestNoticeEvent } from './request-notice.event.js';
import { noticeText } from './request-notice.texts.js';

type Outcome = Awaited<ReturnType<RequestNotifier['notify']>>;

/** A mail address, wherever a server's error message quotes one: failure reasons are logged and kept with the job. */
const ADDRESS = /[^\s<>"'@,;:]+@[^\s<>"'@,;:]+/g;

/**
 * Request notices over the alert channels the configuration declares: one mail per recipient, to their own address
 * (nobody sees who else was told), the security officer's configured addresses added when the notice is for them, and
 * one JSON event per notice on the webhook.
 */
export class ChannelRequestNotifier extends RequestNotifier {
  constructor(
    private readonly channels: { mailer?: SmtpMailer; webhook?: WebhookPoster },
    private readonly logger: VigieLogger = SILENT_LOGGER,
  ) {
    super();
  }

  async notify(notice: RequestNotice): Promise<Outcome> {
    const outcome: Outcome = { sent: [], failed: [] };
    const { mailer, webhook } = this.channels;
    const sends: Array<[string, () => Promise<unknown>]> = [];
    const addresses = mailer ? addressesOf(notice, mailer.securityOfficer) : [];
    if (mailer && addresses.length) {
      const { subject, text } = noticeText(notice);
      // allSettled: one refused address must not hide whether the others got theirs (the reason names the first).
      sends.push(['smtp', () => settleAll(addresses.map((to) => () => mailer.send([to], subject, text)))]);
    }
    if (webhook) sends.push(['webhook', () => webhook.post(requestNoticeEvent(notice))]);
    // Each channel's outcome in the channels' order (mail, webhook), however fast each answered.
    const settled = await Promise.allSettled(sends.map(([, send]) => send()));
    settled.forEach((result, i) => {
      const channel = sends[i]![0];
      if (result.status === 'fulfilled') return void outcome.sent.push(channel);
      const err: unknown = result.reason;
      const reason = (err instanceof Error ? err.message : String(err)).replace(ADDRESS, '<address>');
      outcome.failed.push({ channel, reason });
      this.logger.error({ msg: 'request notice not delivered', channel, reason, requestId: notice.request.id, kind: notice.kind });
    });
    return outcome;
  }
}

/** Each address once, whatever its case: a person who is both requester and beneficiary, or also the security officer, gets one mail. */
function addressesOf(notice: RequestNotice, securityOfficer: readonly string[]): string[] {
  const all = [...notice.recipients.flatMap((p) => (p.mail ? [p.mail.trim()] : [])), ...(notice.securityOfficer ? securityOfficer : [])];
  const once = new Map<string, string>();
  for (const a of all) if (a && !once.has(a.toLowerCase())) once.set(a.toLowerCase(), a);
  return [...once.values()];
}

async function settleAll(sends: Array<() => Promise<unknown>>): Promise<void> {
  const results = await Promise.allSettled(sends.map((s) => s()));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length) {
    const first = failures[0]!.reason;
    const message = first instanceof Error ? first.message : String(first);
    throw new Error(`${failures.length} of ${sends.length} mail${sends.length > 1 ? 's' : ''} not sent: ${message}`);
  }
}

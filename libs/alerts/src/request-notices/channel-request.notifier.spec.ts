import type { RequestNotice } from '#vigie/requests';
import { aPersonRef, anAccessRequest } from '#vigie/requests/testing';
import type { SmtpMailer } from '../channels/smtp.mailer.js';
import type { WebhookPoster } from '../channels/webhook.poster.js';
import { ChannelRequestNotifier } from './channel-request.notifier.js';

class RecordingMailer {
  readonly mails: Array<{ to: string[]; subject: string; text: string }> = [];
  constructor(
    readonly securityOfficer: string[] = ['rssi@acme.test'],
    private readonly refuse: string[] = [],
  ) {}
  async send(to: string[], subject: string, text: string): Promise<void> {
    if (to.some((a) => this.refuse.includes(a))) throw new Error(`550 mailbox unavailable: <${to[0]}>`);
    this.mails.push({ to, subject, text });
  }
}

class RecordingPoster {
  readonly events: Array<Record<string, unknown>> = [];
  constructor(private readonly failWith?: string) {}
  async post(event: Record<string, unknown>): Promise<void> {
    if (this.failWith) throw new Error(this.failWith);
    this.events.push(event);
  }
}

const link = 'https://vigie.acme.test/requests/3b2f7a4e-5c1d-4e8f-9a0b-1c2d3e4f5a6b';
/** Paul asks for Erin: both named, so that the webhook event can be seen not to carry their names. */
const request = anAccessRequest({ requester: aPersonRef('paul', { name: 'Paul Girard' }), beneficiary: aPersonRef('erin', { name: 'Erin Leroy' }) });
const noticeOf = (more: Partial<RequestNotice> = {}): RequestNotice => ({
  kind: 'awaiting-decision',
  request,
  recipients: [aPersonRef('cdurand')],
  securityOfficer: false,
  link,
  ...more,
});

const notifierOf = (mailer?: RecordingMailer, webhook?: RecordingPoster, logger?: ConstructorParameters<typeof ChannelRequestNotifier>[1]) =>
  new ChannelRequestNotifier({ mailer: mailer as unknown as SmtpMailer, webhook: webhook as unknown as WebhookPoster }, logger);

describe(ChannelRequestNotifier.name, () => {
  it('mails each recipient on their own address and posts one event to the webhook', async () => {
    const mailer = new RecordingMailer();
    const hook = new RecordingPoster();
    const notice = noticeOf({ recipients: [aPersonRef('cdurand'), aPersonRef('fleroy')] });
    expect(await notifierOf(mailer, hook).notify(notice)).toEqual({ sent: ['smtp', 'webhook'], failed: [] });
    expect(mailer.mails.map((m) => m.to)).toEqual([['cdurand@acme.test'], ['fleroy@acme.test']]);
    expect(mailer.mails[0]!.subject).toBe('[Vigie] Your decision is needed: membership of Finance for erin');
    expect(mailer.mails[0]!.text).toContain(`Decide here: ${link}`);
    expect(hook.events).toEqual([
      {
        event: 'access-request.awaiting-decision',
        kind: 'awaiting-decision',
        text: `[Vigie] Your decision is needed: membership of Finance for erin\n${link}`,
        requestId: notice.request.id,
        status: 'pending',
        resource: { id: 'group:finance', name: 'Finance', type: 'group', criticality: 'high' },
        level: 'member',
        beneficiary: 'erin',
        stage: 'manager',
        securityOfficer: false,
        decideBy: '2026-12-15T09:00:00.000Z',
        grantEndsAt: null,
        permanent: false,
        link,
      },
    ]);
  });

  it('keeps the justification, names and mail addresses out of the webhook event', async () => {
    const hook = new RecordingPoster();
    await notifierOf(undefined, hook).notify(noticeOf());
    const posted = JSON.stringify(hook.events);
    for (const secret of ['quarter-end closing', 'Erin Leroy', 'Paul Girard', '@acme.test', 'paul']) expect(posted).not.toContain(secret);
  });

  it("adds the security officer's configured addresses when the notice is for them, each address once", async () => {
    const mailer = new RecordingMailer(['rssi@acme.test', 'soc@acme.test']);
    const same = aPersonRef('jdupont');
    const notice = noticeOf({ kind: 'rejected', recipients: [same, { ...same, key: 'other', mail: 'JDUPONT@acme.test' }], securityOfficer: true });
    await notifierOf(mailer).notify(notice);
    expect(mailer.mails.map((m) => m.to)).toEqual([['jdupont@acme.test'], ['rssi@acme.test'], ['soc@acme.test']]);
    mailer.mails.length = 0;
    await notifierOf(mailer).notify({ ...notice, securityOfficer: false });
    expect(mailer.mails.map((m) => m.to)).toEqual([['jdupont@acme.test']]);
  });

  it('sends no mail to recipients without an address (the webhook still gets the event)', async () => {
    const mailer = new RecordingMailer();
    const hook = new RecordingPoster();
    expect(await notifierOf(mailer, hook).notify(noticeOf({ recipients: [aPersonRef('cdurand', { mail: null })] }))).toEqual({ sent: ['webhook'], failed: [] });
    expect(mailer.mails).toEqual([]);
    expect(hook.events).toHaveLength(1);
  });

  it('reports a failing channel without failing the other, and says no mail address in its reason or log', async () => {
    const errors: unknown[] = [];
    const logger = { debug() {}, log() {}, warn() {}, error: (e: unknown) => errors.push(e) };
    const mailer = new RecordingMailer([], ['fleroy@acme.test']);
    const hook = new RecordingPoster('the webhook answered 503 Service Unavailable');
    const notice = noticeOf({ recipients: [aPersonRef('cdurand'), aPersonRef('fleroy')] });
    const outcome = await notifierOf(mailer, hook, logger).notify(notice);
    expect(outcome.sent).toEqual([]);
    expect(outcome.failed).toEqual([
      { channel: 'smtp', reason: '1 of 2 mails not sent: 550 mailbox unavailable: <<address>>' },
      { channel: 'webhook', reason: 'the webhook answered 503 Service Unavailable' },
    ]);
    // The other recipient got theirs: the retry sends it again (at least once, see notify-access-request).
    expect(mailer.mails.map((m) => m.to)).toEqual([['cdurand@acme.test']]);
    expect(JSON.stringify(errors)).not.toContain('@acme.test');
    expect(errors).toContainEqual({
      msg: 'request notice not delivered',
      channel: 'smtp',
      reason: '1 of 2 mails not sent: 550 mailbox unavailable: <<address>>',
      requestId: notice.request.id,
      kind: 'awaiting-decision',
    });
  });

  it('does nothing without channels', async () => {
    expect(await notifierOf().notify(noticeOf())).toEqual({ sent: [], failed: [] });
  });
});

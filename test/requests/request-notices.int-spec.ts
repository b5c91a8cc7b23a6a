import { type Vigie, createVigie } from '#vigie/application';
import { VigieError } from '#vigie/common';
import { loadConfig } from '#vigie/config';
import { type AccessRequest, type AccessRequestStore, REQUEST_QUEUES } from '#vigie/requests';
import { aPersonRef, anAccessRequest, aStage } from '#vigie/requests/testing';
import { workRequestNotices } from '../../libs/application/src/jobs/request-notice.jobs.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type MailCatcher, startMailCatcher } from '../support/mail-catcher.js';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
/** A mail as read: long header lines (the subject) unfolded. */
const readable = (data: string) => data.replace(/\r?\n[ \t]+/g, ' ');

/**
 * Notices about access requests on the real channels: a real SMTP server and a real HTTP receiver on loopback, the
 * approvers' mail read from the snapshot of the company's LDIF export synchronised into a real PostgreSQL.
 */
describe('notices about access requests, by mail and on the webhook', () => {
  let db: TestDatabase;
  let smtp: MailCatcher;
  let hook: WebhookReceiver;
  let vigie: Vigie;
  let store: AccessRequestStore;
  const configWith = (smtpPort: number) =>
    loadConfig({
      env: { DATABASE_URL: db.url },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        http: { publicUrl: 'https://vigie.acme.test/' },
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('ldif/ok/openldap-company.ldif') }],
        policy: { dir: fixture('policies/ok/company') },
        alerts: {
          smtp: { host: '127.0.0.1', port: smtpPort, allowPlain: true, from: 'vigie@acme.test', to: ['rssi@acme.test'], timeoutMs: 2000 },
          webhook: { url: hook.url },
        },
      },
    });
  // Alice Durand decides as the beneficiary's manager; the snapshot holds her mail, the request only her key.
  const alice = aPersonRef('adurand', { mail: null });
  /** A request for bmartin, write on the finance share, to be decided by 21 December 2026. */
  const forBruno = (more: Partial<AccessRequest>) =>
    anAccessRequest({
      beneficiary: aPersonRef('bmartin'),
      resource: { id: 'share-finance', name: 'Finance share', type: 'share', criticality: 'high', privileged: false, owner: 'E042' },
      level: 'write',
      decideBy: new Date('2026-12-21T09:00:00Z'),
      ...more,
    });

  beforeAll(async () => {
    [smtp, hook, db] = await Promise.all([startMailCatcher(), startWebhookReceiver(), createTestDatabase()]);
    const config = configWith(smtp.port);
    vigie = createVigie(config);
    await vigie.run('sync-directories', {});
    store = await vigie.dependencies.requestStore();
  });

  afterAll(async () => {
    await vigie?.close();
    await db?.drop();
    await smtp?.close();
    await hook?.close();
  });

  const notify = (v: Vigie, requestId: string, kind: 'awaiting-decision' | 'approved') =>
    v.run('notify-access-request', { requestId, kind }, { actor: { type: 'system', id: 'notify' } });

  it("puts the request in the approver's mailbox with the link to decide, and one JSON event on the webhook", async () => {
    const request = forBruno({ id: '0b7c2c1e-4c44-4f55-9d1a-0c6f1e2a3b01', stages: [aStage('manager', [alice], { openedAt: new Date() })] });
    await store.insert(request);
    expect(await notify(vigie, request.id, 'awaiting-decision')).toMatchObject({ told: 1, withoutMail: 0, sent: ['smtp', 'webhook'] });
    const mails = smtp.mails.filter((m) => m.data.includes(request.id));
    expect(mails.map((m) => ({ from: m.from, to: m.to }))).toEqual([{ from: 'vigie@acme.test', to: ['alice.durand@acme.test'] }]);
    expect(readable(mails[0]!.data)).toMatch(/Subject: \[Vigie\] Your decision is needed: write access to Finance share for bmartin/);
    expect(mails[0]!.data).toContain(`Decide here: https://vigie.acme.test/requests/${request.id}`);
    expect(mails[0]!.data).toContain('Request expires: 2026-12-21 09:00 UTC');
    expect(hook.posts.filter((p) => p.requestId === request.id)).toEqual([
      expect.objectContaining({
        event: 'access-request.awaiting-decision',
        kind: 'awaiting-decision',
        beneficiary: 'bmartin',
        stage: 'manager',
        link: `https://vigie.acme.test/requests/${request.id}`,
      }),
    ]);
  });

  it('sends the notice of an access.notify job taken from the real job queue by a worker', async () => {
    const request = forBruno({
      id: '0b7c2c1e-4c44-4f55-9d1a-0c6f1e2a3b02',
      status: 'approved',
      currentStage: null,
      requester: aPersonRef('adurand', { mail: 'alice.durand@acme.test' }),
      beneficiary: aPersonRef('bmartin', { mail: null }),
    });
    await store.insert(request);
    const queue = await vigie.dependencies.jobQueue();
    await workRequestNotices(queue, vigie);
    await queue.enqueue(REQUEST_QUEUES.notify, { requestId: request.id, kind: 'approved' }, { singletonKey: `notify:${request.id}:approved:1` });
    const mine = () => smtp.mails.filter((m) => m.data.includes(request.id));
    for (let waited = 0; !mine().length && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(mine().map((m) => m.to)).toEqual([['alice.durand@acme.test']]);
    expect(readable(mine()[0]!.data)).toMatch(/Subject: \[Vigie\] Request approved: write access to Finance share for bmartin/);
  });

  it("fails as 'unavailable' when the mail server is down, for the queue to try again", async () => {
    const closed = await startMailCatcher();
    await closed.close();
    const config = configWith(closed.port);
    const down = createVigie(config);
    try {
      const request = forBruno({ id: '0b7c2c1e-4c44-4f55-9d1a-0c6f1e2a3b03', level: 'read', stages: [aStage('manager', [alice], { openedAt: new Date() })] });
      await store.insert(request);
      const error = await notify(down, request.id, 'awaiting-decision').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VigieError);
      expect(error).toMatchObject({
        kind: 'unavailable',
        message: expect.stringMatching(/^the awaiting-decision notice of access request .* was not sent on smtp \(/),
      });
      expect(String((error as Error).message)).not.toContain('@acme.test');
      // The webhook took it: at least once, it will have it again on the retry.
      expect(hook.posts.filter((p) => p.requestId === request.id)).toHaveLength(1);
    } finally {
      await down.close();
    }
  });
});

import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type MailCatcher, startMailCatcher } from '../support/mail-catcher.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** A real SMTP server and a real HTTP receiver on loopback: what the security officer's tools would get. */
describe('alerts on new critical findings', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;
  let smtp: MailCatcher;
  let mails: MailCatcher['mails'];
  let hook: Server;
  let token: string;
  const posts: Array<{ signature: string | undefined; body: Record<string, unknown> }> = [];
  let hookStatus = 200;

  beforeAll(async () => {
    smtp = await startMailCatcher();
    mails = smtp.mails;
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        posts.push({ signature: req.headers['x-vigie-signature'] as string | undefined, body: JSON.parse(body) });
        res.writeHead(hookStatus).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));

    db = await createTestDatabase();
    const config = loadConfig({
      env: { DATABASE_URL: db.url, HOOK_SECRET: 'chut' },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('ldif/ok/openldap-company.ldif') }],
        policy: { dir: fixture('policies/ok/company') },
        // The excess on the critical finance share is "high": alert from high upwards.
        alerts: {
          minSeverity: 'high',
          smtp: { host: '127.0.0.1', port: smtp.port, allowPlain: true, from: 'vigie@acme.test', to: ['rssi@acme.test'] },
          webhook: { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, secretEnv: 'HOOK_SECRET' },
        },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.init();
    await vigie.run('sync-directories', {});
    token = (await (await vigie.dependencies.apiTokens()).create({ name: 'rssi', role: 'security-officer' })).token;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await smtp?.close();
    await new Promise<void>((r) => (hook ? hook.close(() => r()) : r()));
  });

  const runAudit = () => request(app.getHttpServer()).post('/api/audits').set('Authorization', `Bearer ${token}`).expect(201);

  it('mails and posts the new finding, with its explanation, once', async () => {
    const first = await runAudit();
    expect(first.body.alerts).toEqual({ findings: 1, sent: expect.arrayContaining(['smtp', 'webhook']), failed: [] });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: 'vigie@acme.test', to: ['rssi@acme.test'] });
    expect(mails[0].data).toMatch(/Subject: \[Vigie\] new finding: 1 high/);
    expect(mails[0].data).toMatch(/G-EXCESS-VS-ROLE: bmartin \(corp\)/);
    expect(mails[0].data).toMatch(/finance-share-rw grants write on share-finance/);
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toMatchObject({ event: 'findings.new', findings: [expect.objectContaining({ rule: 'G-EXCESS-VS-ROLE' })] });
    expect(posts[0].signature).toMatch(/^sha256=[0-9a-f]{64}$/);

    const second = await runAudit();
    expect(second.body.alerts).toEqual({ findings: 0, sent: [], failed: [] });
    expect(mails).toHaveLength(1);
    expect(posts).toHaveLength(1);
  });

  it('keeps the audit when a channel fails, and says which', async () => {
    // A second directory with the same people brings a finding that is new (another subject, another id).
    await (await vigie.dependencies.syncService()).sync({ kind: 'ldif', name: 'corp2', file: fixture('ldif/ok/openldap-company.ldif') });
    hookStatus = 500;
    const r = await runAudit();
    expect(r.body.alerts.findings).toBe(1);
    expect(r.body.alerts.sent).toEqual(['smtp']);
    expect(r.body.alerts.failed).toEqual([{ channel: 'webhook', reason: 'the webhook answered 500 Internal Server Error' }]);
    expect(r.body.changes).toMatchObject({ new: 1 });
    expect(mails).toHaveLength(2);
  });
});

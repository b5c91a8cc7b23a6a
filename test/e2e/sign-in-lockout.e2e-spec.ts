import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { trailKeyEnv } from '../support/trail.js';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver.js';

const WRONG = (i: number) => `vig_wrong-${String(i).padStart(4, '0')}-${'x'.repeat(32)}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Behind the (loopback) reverse proxy: the attacker, and a client of the API elsewhere. */
const ATTACKER = '203.0.113.9';
const ELSEWHERE = '198.51.100.7';

/**
 * 300 wrong tokens from one address against the API on a real PostgreSQL, with a real HTTP receiver on loopback as
 * the security officer's webhook: the address is refused with 429 and Retry-After, the trail gets a handful of entries,
 * the officer is alerted at once, and a valid token works again once the (short) lockout is over.
 */
describe('a source sending wrong tokens', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;
  let hook: WebhookReceiver;
  let token: string;
  const posts: WebhookReceiver['posts'] = [];

  beforeAll(async () => {
    hook = await startWebhookReceiver(posts);
    db = await createTestDatabase();
    const config = loadConfig({
      env: { DATABASE_URL: db.url, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        http: { trustProxy: 'loopback' },
        // The shortest the configuration allows: a one-minute window and a one-minute lockout.
        auth: { attempts: { windowMinutes: 1, sourceLockoutAfter: 20, lockoutMinutes: 1, burstAlertPerMinute: 15 } },
        alerts: { webhook: { url: hook.url } },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.init();
    token = (await vigie.run('create-token', { name: 'soc-console', role: 'security-officer' })).token;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await hook?.close();
  });

  const http = () => request(app.getHttpServer());
  const authEntries = async () => (await vigie.run('query-trail', { action: 'auth.*', limit: 500 })).entries;

  it('is refused with 429 and Retry-After after sourceLockoutAfter failures, alerts at once, and lets a valid token in once the lockout is over', async () => {
    const answers: Array<{ status: number; retryAfter: string | undefined; error: string }> = [];
    for (let i = 0; i < 300; i++) {
      const res = await http()
        .get('/api/findings')
        .set('X-Forwarded-For', ATTACKER)
        .set('Authorization', `Bearer ${WRONG(i)}`);
      answers.push({ status: res.status, retryAfter: res.headers['retry-after'], error: res.body.error });
    }
    const refused = answers.filter((a) => a.status === 401);
    const throttled = answers.filter((a) => a.status === 429);
    // 20 failures lock the address out; a minute boundary in the middle of the run may split them over two windows.
    expect(refused.length).toBeGreaterThanOrEqual(20);
    expect(refused.length).toBeLessThan(40);
    expect(refused.length + throttled.length).toBe(300);
    expect(answers.indexOf(throttled[0]!)).toBe(refused.length);
    for (const t of throttled) {
      expect(t.error).toBe('too-many-requests');
      expect(Number(t.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(t.retryAfter)).toBeLessThanOrEqual(60);
    }

    // Blocked: a valid token is not even checked from that address.
    const blocked = await http().get('/api/findings').set('X-Forwarded-For', ATTACKER).set('Authorization', `Bearer ${token}`).expect(429);
    expect(blocked.body.message).toMatch(/too many failed sign-ins from this address/);
    const docs = await http().get('/api/docs-json').set('X-Forwarded-For', ATTACKER).set('Authorization', `Bearer ${token}`).expect(429);
    expect(docs.headers['retry-after']).toMatch(/^\d+$/);
    // The other callers behind the same proxy are not concerned.
    await http().get('/api/findings').set('X-Forwarded-For', ELSEWHERE).set('Authorization', `Bearer ${token}`).expect(200);

    // A handful of entries, not 300: the window's first failure, the lockout with its count.
    const entries = await authEntries();
    // (and the success of the client elsewhere)
    expect(entries.length).toBeLessThanOrEqual(6);
    const lockedOut = entries.filter((e) => e.action === 'auth.locked-out');
    expect(lockedOut).toHaveLength(1);
    expect(lockedOut[0]).toMatchObject({ chain: 'access', after: { scope: 'source', failures: 20 } });
    expect(lockedOut[0]!.sourceAddress).toBe(ATTACKER);
    expect(entries.filter((e) => e.action === 'auth.failed').length).toBeLessThanOrEqual(2);

    // The security officer's webhook got the burst and the lockout at once, each once, without any token.
    const lockouts = () => posts.filter((p) => p.kind === 'sign-in.locked-out');
    for (let waited = 0; !lockouts().length && waited < 5000; waited += 50) await pause(50);
    expect(posts.every((p) => p.event === 'security.event')).toBe(true);
    expect(lockouts()).toHaveLength(1);
    // One burst alert per window: two only when the run straddled a minute boundary.
    expect(posts.filter((p) => p.kind === 'sign-in.burst').length).toBeGreaterThanOrEqual(1);
    expect(posts.length).toBeLessThanOrEqual(3);
    const lockout = lockouts()[0]!;
    expect(lockout.title).toBe(`[Vigie] sign-in locked out: the address ${ATTACKER}`);
    expect(lockout.text).toMatch(/How many: 20 failures within 1 min/);
    expect(lockout.text).toContain(`From: ${ATTACKER}, on GET /api/findings.`);
    expect(lockout.text).toMatch(/Since: \d{4}-\d\d-\d\dT/);
    expect(JSON.stringify(posts)).not.toMatch(/vig_wrong|xxxxxxxx/);

    // The lockout expires on its own.
    const wait = Number(blocked.headers['retry-after']);
    await pause(wait * 1000 + 500);
    await http().get('/api/findings').set('X-Forwarded-For', ATTACKER).set('Authorization', `Bearer ${token}`).expect(200);

    // The worker's sweep: what was not reported yet is summarised, and the counters past use are dropped.
    await vigie.run('sweep-sign-in-attempts', {});
    const after = await authEntries();
    expect(after.length).toBeLessThanOrEqual(8);
    expect(after.map((e) => e.action)).toContain('auth.succeeded');
    const db = await vigie.dependencies.database();
    expect(await db.query(`SELECT count(*)::int AS n FROM sign_in_attempt WHERE scope <> 'all' AND window_end <= now() AND failures > reported`)).toEqual([
      { n: 0 },
    ]);
  }, 150_000);
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignInThrottle } from '#vigie/access-control';
import { type ClosableSqlClient, PgSignInAttemptStore, closeEmbeddedDatabase, openSqlClient } from '#vigie/persistence';
import { Pseudonymiser } from '#vigie/trail';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { type TestDatabase, createTestDatabase } from '../support/database.js';

const SETTINGS = { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 50, lockoutMinutes: 15, burstAlertPerMinute: 1000 };
const MINUTE = 60_000;
/** The trail's keyed pseudonyms, as the composition root gives them. */
const pseudonyms = new Pseudonymiser(randomBytes(32));
const ATTACKER = { source: '203.0.113.9', method: 'token' as const, route: 'GET /api/findings' };

/** The security officer's inbox, as the throttle sees it. */
class Inbox {
  readonly events: Array<{ kind: string; title: string; lines: string[] }> = [];
  async securityEvent(event: { kind: string; title: string; lines: string[] }): Promise<void> {
    this.events.push(event);
  }
}

/** One replica: its own pool (or the embedded database), store and throttle, on the shared database. */
function replica(sql: ClosableSqlClient, trail: RecordingTrailWriter, inbox: Inbox, clock: () => number, settings = SETTINGS): SignInThrottle {
  return new SignInThrottle({
    store: new PgSignInAttemptStore(sql),
    trail,
    alerts: inbox,
    settings,
    accountKey: (login) => pseudonyms.pseudonym({ login }),
    now: () => new Date(clock()),
  });
}

describe('failed sign-ins counted by two replicas on one PostgreSQL', () => {
  let db: TestDatabase;
  let a: ClosableSqlClient;
  let b: ClosableSqlClient;
  let trail: RecordingTrailWriter;
  let inbox: Inbox;
  let clock: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = [await openSqlClient({ url: db.url, dataDir: '' }), await openSqlClient({ url: db.url, dataDir: '' })];
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  beforeEach(async () => {
    await a.query('DELETE FROM sign_in_attempt');
    trail = new RecordingTrailWriter();
    inbox = new Inbox();
    clock = Date.parse('2026-05-04T09:00:10Z');
  });

  it('counts 200 concurrent failures from both replicas exactly, starts one lockout, one trail entry for it, one alert', async () => {
    const [one, two] = [replica(a, trail, inbox, () => clock), replica(b, trail, inbox, () => clock)];
    await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? one : two).failed(ATTACKER, 'token refused (unknown, revoked or expired)')));
    const rows = await a.query(`SELECT failures, reported, locked_until FROM sign_in_attempt WHERE scope = 'source' AND key = $1`, [ATTACKER.source]);
    expect(rows).toEqual([{ failures: 200, reported: expect.any(Number), locked_until: new Date(clock + 15 * MINUTE) }]);
    expect(trail.actions.sort()).toEqual(['auth.failed', 'auth.locked-out']);
    expect(inbox.events.map((e) => e.kind)).toEqual(['sign-in.locked-out']);
    // Either replica refuses the source now, with the time left.
    expect(await two.blocked(ATTACKER)).toEqual({ scope: 'source', retryAfterSeconds: 15 * 60 });
    expect(await one.blocked({ ...ATTACKER, source: '203.0.113.10' })).toBeNull();
  });

  it('summarises a closed window once, however many replicas sweep at the same time, then forgets it', async () => {
    const [one, two] = [replica(a, trail, inbox, () => clock), replica(b, trail, inbox, () => clock)];
    await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? one : two).failed({ ...ATTACKER, source: `198.51.100.${i % 3}` }, 'no token')));
    clock += 15 * MINUTE;
    const sweeps = await Promise.all([one.sweep(), two.sweep(), one.sweep(), two.sweep()]);
    expect(sweeps.reduce((n, s) => n + s.summarised, 0)).toBe(3);
    const summaries = trail.inputs.filter((i) => i.action === 'auth.failures-summarised');
    expect(summaries.map((s) => [s.sourceAddress, (s.after as { failures: number }).failures]).sort()).toEqual([
      ['198.51.100.0', 10],
      ['198.51.100.1', 10],
      ['198.51.100.2', 10],
    ]);
    expect(await a.query('SELECT count(*)::int AS n FROM sign_in_attempt')).toEqual([{ n: 0 }]);
  });

  it('shares an account’s growing delay and its reset between replicas, and never stores the login', async () => {
    const [one, two] = [replica(a, trail, inbox, () => clock), replica(b, trail, inbox, () => clock)];
    const jdupont = { source: '10.0.0.7', account: 'jdupont', method: 'directory' as const };
    await one.failed(jdupont, 'wrong password');
    await two.failed(jdupont, 'wrong password');
    await one.failed(jdupont, 'wrong password');
    expect(await two.blocked({ ...jdupont, source: '10.0.0.8' })).toEqual({ scope: 'account', retryAfterSeconds: 1 });
    expect(JSON.stringify(await a.query('SELECT * FROM sign_in_attempt'))).not.toContain('jdupont');
    await two.succeeded(jdupont);
    expect(await one.blocked(jdupont)).toBeNull();
    expect(await a.query(`SELECT count(*)::int AS n FROM sign_in_attempt WHERE scope = 'account'`)).toEqual([{ n: 0 }]);
  });
});

describe('failed sign-ins on the embedded PGlite', () => {
  let dir: string;
  let sql: ClosableSqlClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-attempts-'));
    sql = await openSqlClient({ dataDir: join(dir, 'data') });
  });

  afterAll(async () => {
    await sql?.close();
    await closeEmbeddedDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts concurrent failures exactly, locks out once, expires and sweeps', async () => {
    const trail = new RecordingTrailWriter();
    const inbox = new Inbox();
    let clock = Date.parse('2026-05-04T09:00:10Z');
    const sut = replica(sql, trail, inbox, () => clock, { ...SETTINGS, sourceLockoutAfter: 20, lockoutMinutes: 1 });
    await Promise.all(Array.from({ length: 60 }, () => sut.failed(ATTACKER, 'no token')));
    expect(await sql.query(`SELECT failures FROM sign_in_attempt WHERE scope = 'source'`)).toEqual([{ failures: 60 }]);
    expect(trail.actions.sort()).toEqual(['auth.failed', 'auth.locked-out']);
    expect(inbox.events).toHaveLength(1);
    expect(await sut.blocked(ATTACKER)).toEqual({ scope: 'source', retryAfterSeconds: 60 });
    clock += MINUTE;
    expect(await sut.blocked(ATTACKER)).toBeNull();
    clock += 15 * MINUTE;
    expect(await sut.sweep()).toEqual({ summarised: 1, purged: 2 });
    expect(trail.actions).toContain('auth.failures-summarised');
  });
});

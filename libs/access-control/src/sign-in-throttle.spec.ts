import { createHash } from 'node:crypto';
import { TrailContext } from '#vigie/trail';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import type { SignInAttempt } from './ports/sign-in-attempts.js';
import { SecurityAlerts } from './ports/security-alerts.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { InMemorySignInAttemptStore } from './testing/in-memory-sign-in-attempt.store.js';

class RecordingAlerts extends SecurityAlerts {
  readonly events: Array<{ kind: string; title: string; lines: string[] }> = [];
  async securityEvent(event: { kind: string; title: string; lines: string[] }): Promise<void> {
    this.events.push(event);
  }
}

const SETTINGS = { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 50, lockoutMinutes: 15, burstAlertPerMinute: 20 };
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const token = (source = '10.0.0.7'): SignInAttempt => ({ source, method: 'token', route: 'GET /api/findings' });
/** A keyed hash of the login, as the trail's pseudonym is. */
const keyOf = (login: string) => `p_${createHash('sha256').update(login).digest('hex').slice(0, 12)}`;
const person = (account: string, source = '10.0.0.7'): SignInAttempt => ({ source, account, method: 'directory', route: 'POST /auth/sign-in' });

describe(SignInThrottle.name, () => {
  let store: InMemorySignInAttemptStore;
  let trail: RecordingTrailWriter;
  let alerts: RecordingAlerts;
  let clock: number;
  let sut: SignInThrottle;

  const make = (settings = SETTINGS) => new SignInThrottle({ store, trail, alerts, settings, accountKey: keyOf, now: () => new Date(clock) });

  /** n failures, each asking first as the use cases do; answers the blocks met. */
  const fail = async (n: number, attempt: SignInAttempt, reason = 'token refused (unknown, revoked or expired)') => {
    const blocks = [];
    for (let i = 0; i < n; i++) {
      const block = await sut.blocked(attempt);
      if (block) blocks.push(block);
      else await sut.failed(attempt, reason);
    }
    return blocks;
  };

  beforeEach(() => {
    store = new InMemorySignInAttemptStore();
    trail = new RecordingTrailWriter();
    alerts = new RecordingAlerts();
    clock = Date.parse('2026-05-04T09:00:10Z');
    sut = make();
  });

  it('records the first failure of a window at once, with the source in the erasable part, and not the next ones', async () => {
    await fail(3, token());
    expect(trail.inputs).toEqual([
      expect.objectContaining({
        action: 'auth.failed',
        actor: { type: 'token', id: 'unknown' },
        target: { type: 'api', id: 'GET /api/findings' },
        after: { method: 'token', reason: 'token refused (unknown, revoked or expired)', windowStart: '2026-05-04T09:00:00.000Z', windowMinutes: 15 },
        sourceAddress: '10.0.0.7',
      }),
    ]);
  });

  it('locks a source out at sourceLockoutAfter failures: one entry with the count, one alert, then 429s without counting', async () => {
    expect(await fail(50, token())).toEqual([]);
    expect(trail.actions).toEqual(['auth.failed', 'auth.locked-out']);
    expect(trail.inputs[1]).toMatchObject({
      action: 'auth.locked-out',
      target: { type: 'sign-in', id: 'source' },
      after: { scope: 'source', failures: 50, lockedUntil: '2026-05-04T09:15:10.000Z' },
      sourceAddress: '10.0.0.7',
    });
    const blocks = await fail(250, token());
    expect(blocks).toHaveLength(250);
    expect(blocks[0]).toEqual({ scope: 'source', retryAfterSeconds: 15 * 60 });
    expect(trail.actions).toEqual(['auth.failed', 'auth.locked-out']);
    // The 20th failure within the minute was a burst too.
    expect(alerts.events.map((e) => e.kind)).toEqual(['sign-in.burst', 'sign-in.locked-out']);
    expect(alerts.events[1]!.title).toBe('[Vigie] sign-in locked out: the address 10.0.0.7');
    expect(alerts.events[1]!.lines).toEqual([
      'What: the address 10.0.0.7 is locked out of Vigie for 15 min (until 2026-05-04T09:15:10.000Z) after failed token sign-ins.',
      'How many: 50 failures within 15 min (threshold 50).',
      'From: 10.0.0.7, on GET /api/findings.',
      'Since: 2026-05-04T09:00:10.000Z.',
      'Last refusal: token refused (unknown, revoked or expired).',
    ]);
  });

  it('locks out again at the next failure of a window past the threshold, in the trail, without alerting twice in that window', async () => {
    sut = make({ ...SETTINGS, lockoutMinutes: 1, burstAlertPerMinute: 1000 });
    await fail(50, token());
    clock += MINUTE;
    expect(await sut.blocked(token())).toBeNull();
    await sut.failed(token(), 'no token');
    expect(await sut.blocked(token())).toEqual({ scope: 'source', retryAfterSeconds: 60 });
    expect(trail.actions).toEqual(['auth.failed', 'auth.locked-out', 'auth.locked-out']);
    expect(trail.inputs[2]).toMatchObject({ after: { failures: 51 } });
    expect(alerts.events.map((e) => e.kind)).toEqual(['sign-in.locked-out']);
    // The next window alerts again.
    clock += 15 * MINUTE;
    await fail(50, token());
    expect(alerts.events.map((e) => e.kind)).toEqual(['sign-in.locked-out', 'sign-in.locked-out']);
  });

  it('lets the other sources through while one is locked out', async () => {
    await fail(50, token('10.0.0.7'));
    expect(await sut.blocked(token('10.0.0.8'))).toBeNull();
  });

  it('lifts a lockout on its own when lockoutMinutes have passed, and summarises the closed window once', async () => {
    await fail(50, token());
    await fail(30, token()); // blocked: not counted
    clock += 15 * MINUTE - 1;
    expect(await sut.blocked(token())).toEqual({ scope: 'source', retryAfterSeconds: 1 });
    clock += 1;
    expect(await sut.blocked(token())).toBeNull();
    // Reported in full by the lockout's entry: nothing to summarise.
    expect(trail.actions).toEqual(['auth.failed', 'auth.locked-out']);
  });

  it('summarises a window that closed with more failures than were reported, at the next attempt of that key', async () => {
    await fail(7, token());
    clock += 15 * MINUTE;
    expect(await sut.blocked(token())).toBeNull();
    expect(trail.actions).toEqual(['auth.failed', 'auth.failures-summarised']);
    expect(trail.inputs[1]).toMatchObject({
      target: { type: 'sign-in', id: 'source' },
      after: { scope: 'source', failures: 7, windowStart: '2026-05-04T09:00:00.000Z', windowEnd: '2026-05-04T09:15:00.000Z' },
      sourceAddress: '10.0.0.7',
    });
    await sut.blocked(token());
    expect(trail.actions).toHaveLength(2);
  });

  it('leaves a window of one failure to its first entry: no summary', async () => {
    await fail(1, token());
    clock += 20 * MINUTE;
    expect(await sut.sweep()).toEqual({ summarised: 0, purged: 2 });
    expect(trail.actions).toEqual(['auth.failed']);
  });

  it('sweeps: summaries of every closed window, then drops what blocks nothing any more', async () => {
    await fail(5, token('10.0.0.7'));
    await fail(3, token('10.0.0.8'));
    expect(await sut.sweep()).toEqual({ summarised: 0, purged: 0 });
    clock += 15 * MINUTE;
    expect(await sut.sweep()).toEqual({ summarised: 2, purged: 3 });
    expect(
      trail.inputs.filter((i) => i.action === 'auth.failures-summarised').map((i) => [i.sourceAddress, (i.after as { failures: number }).failures]),
    ).toEqual([
      ['10.0.0.7', 5],
      ['10.0.0.8', 3],
    ]);
    expect(store.rows.size).toBe(0);
    expect(await sut.sweep()).toEqual({ summarised: 0, purged: 0 });
  });

  it('keeps a lockout that outlives its window until it has expired', async () => {
    clock = Date.parse('2026-05-04T09:14:00Z');
    await fail(50, token());
    clock = Date.parse('2026-05-04T09:20:00Z');
    expect((await sut.sweep()).purged).toBe(2); // the minute's counter and the burst's alert, not the lockout
    expect(await sut.blocked(token())).toEqual({ scope: 'source', retryAfterSeconds: 9 * 60 });
    clock = Date.parse('2026-05-04T09:29:00Z');
    expect(await sut.blocked(token())).toBeNull();
  });

  describe('per account', () => {
    it('makes the account wait after accountDelayAfter failures, longer each time, whatever the source', async () => {
      await fail(3, person('jdupont', '10.0.0.7'));
      expect(await sut.blocked(person('jdupont', '10.0.0.9'))).toEqual({ scope: 'account', retryAfterSeconds: 1 });
      clock += SECOND;
      await fail(1, person('jdupont', '10.0.0.9'));
      expect(await sut.blocked(person('jdupont'))).toEqual({ scope: 'account', retryAfterSeconds: 2 });
      clock += 2 * SECOND;
      await fail(1, person('jdupont'));
      expect(await sut.blocked(person('jdupont'))).toEqual({ scope: 'account', retryAfterSeconds: 4 });
      expect(await sut.blocked(person('amartin'))).toBeNull();
    });

    it('locks the account out at accountLockoutAfter failures, naming the person only in the erasable part', async () => {
      for (let i = 0; i < 10; i++) {
        const block = await sut.blocked(person('jdupont'));
        clock += (block?.retryAfterSeconds ?? 0) * SECOND;
        await sut.failed(person('jdupont'), 'wrong password');
      }
      expect(await sut.blocked(person('jdupont'))).toEqual({ scope: 'account', retryAfterSeconds: 15 * 60 });
      expect(trail.actions).toEqual(['auth.failed', 'auth.locked-out']);
      expect(trail.inputs[0]).toMatchObject({ actor: { type: 'system', id: 'sign-in' }, subjects: [{ login: 'jdupont' }] });
      expect(trail.inputs[1]).toMatchObject({
        target: { type: 'sign-in', id: keyOf('jdupont') },
        after: { scope: 'account', failures: 10 },
        subjects: [{ login: 'jdupont' }],
      });
      expect(JSON.stringify([...store.rows.keys()])).not.toContain('jdupont');
      expect(alerts.events).toEqual([expect.objectContaining({ kind: 'sign-in.locked-out', title: '[Vigie] sign-in locked out: the account jdupont' })]);
      expect(alerts.events[0]!.lines.join('\n')).not.toMatch(/password:/);
    });

    it('starts the account again after a success, with a summary of what it had', async () => {
      await fail(2, person('jdupont'));
      await sut.succeeded(person('jdupont'));
      expect(trail.actions).toEqual(['auth.failed', 'auth.failures-summarised']);
      expect(trail.inputs[1]).toMatchObject({ target: { type: 'sign-in', id: keyOf('jdupont') }, after: { scope: 'account', failures: 2 } });
      await fail(2, person('jdupont'));
      expect(await sut.blocked(person('jdupont'))).toBeNull();
    });

    it('does not give an account summary the address of the request that happened to write it', async () => {
      const seen: Array<[string, string | undefined]> = [];
      const record = trail.record.bind(trail);
      trail.record = (input) => (seen.push([input.action, input.sourceAddress ?? TrailContext.current().sourceAddress]), record(input));
      await fail(2, person('jdupont', '10.0.0.7'));
      clock += 15 * MINUTE;
      await TrailContext.run({ sourceAddress: '10.9.9.9' }, () => sut.blocked(person('jdupont', '10.9.9.9')));
      // The source's window is summarised at that source's next attempt, or by the sweep.
      expect(seen).toEqual([
        ['auth.failed', '10.0.0.7'],
        ['auth.failures-summarised', undefined],
      ]);
    });

    it("does not forget the source's count after a success (a spray succeeds now and then)", async () => {
      sut = make({ ...SETTINGS, sourceLockoutAfter: 5 });
      for (const login of ['a1', 'a2', 'a3', 'a4']) await fail(1, person(login));
      await sut.succeeded(person('a5'));
      await fail(1, person('a6'));
      expect(await sut.blocked(person('a7'))).toEqual({ scope: 'source', retryAfterSeconds: 15 * 60 });
    });
  });

  describe('bursts', () => {
    it('alerts once per window when burstAlertPerMinute failures fall within a minute, across sources', async () => {
      for (let i = 0; i < 19; i++) await sut.failed(token(`10.0.1.${i % 4}`), 'no token');
      expect(alerts.events).toEqual([]);
      await sut.failed(token('10.0.1.9'), 'no token');
      expect(alerts.events.map((e) => e.title)).toEqual(['[Vigie] burst of failed sign-ins: 20 within a minute']);
      expect(alerts.events[0]!.lines[2]).toBe(
        'From: 10.0.1.0 (5 in 15 min), 10.0.1.1 (5 in 15 min), 10.0.1.2 (5 in 15 min), 10.0.1.3 (4 in 15 min), 10.0.1.9 (1 in 15 min).',
      );
      for (let i = 0; i < 40; i++) await sut.failed(token(`10.0.2.${i}`), 'no token');
      clock += MINUTE;
      for (let i = 0; i < 20; i++) await sut.failed(token(`10.0.3.${i}`), 'no token');
      expect(alerts.events).toHaveLength(1);
      clock += 15 * MINUTE;
      for (let i = 0; i < 20; i++) await sut.failed(token(`10.0.4.${i}`), 'no token');
      expect(alerts.events).toHaveLength(2);
    });

    it('does not count failures spread over minutes as a burst', async () => {
      for (let i = 0; i < 40; i++) {
        await sut.failed(token(`10.0.1.${i}`), 'no token');
        clock += 4 * SECOND;
      }
      expect(alerts.events).toEqual([]);
    });
  });

  it('asks the database about a clear key at most once a second, and forgets that it was clear at its first failure', async () => {
    let reads = 0;
    const rowsOf = store.rowsOf.bind(store);
    store.rowsOf = (...args) => (reads++, rowsOf(...args));
    expect(await sut.blocked(token())).toBeNull();
    expect(await sut.blocked(token())).toBeNull();
    expect(reads).toBe(1);
    clock += SECOND;
    expect(await sut.blocked(token())).toBeNull();
    expect(reads).toBe(2);
    await sut.failed(token(), 'no token');
    await sut.blocked(token());
    expect(reads).toBe(3);
    // Another replica's lockout of a key this process found clear is seen here within the second.
    const other = make({ ...SETTINGS, sourceLockoutAfter: 2 });
    expect(await sut.blocked(token('10.0.0.8'))).toBeNull();
    await other.failed(token('10.0.0.8'), 'no token');
    await other.failed(token('10.0.0.8'), 'no token');
    expect(await other.blocked(token('10.0.0.8'))).toEqual(expect.objectContaining({ scope: 'source' }));
    expect(await sut.blocked(token('10.0.0.8'))).toBeNull();
    clock += SECOND;
    expect(await sut.blocked(token('10.0.0.8'))).toEqual(expect.objectContaining({ scope: 'source' }));
  });

  it('still counts and blocks when the trail cannot record, and logs that it could not', async () => {
    const errors: unknown[] = [];
    trail.record = () => Promise.reject(new Error('connection terminated unexpectedly'));
    sut = new SignInThrottle({
      store,
      trail,
      alerts,
      settings: { ...SETTINGS, sourceLockoutAfter: 2 },
      accountKey: (l) => l,
      now: () => new Date(clock),
      logger: { debug() {}, log() {}, warn() {}, error: (e) => errors.push(e) },
    });
    await fail(2, token());
    expect(await sut.blocked(token())).toEqual({ scope: 'source', retryAfterSeconds: 15 * 60 });
    expect(errors).toEqual([
      expect.objectContaining({ msg: 'could not record a failed sign-in in the trail', action: 'auth.failed' }),
      expect.objectContaining({ msg: 'could not record a failed sign-in in the trail', action: 'auth.locked-out' }),
    ]);
  });
});

import { SignInThrottle } from '#vigie/access-control';
import { InMemorySignInAttemptStore } from '#vigie/access-control/testing';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { parsedBy, refusalsOf, staffSessionsWorld } from '../../testing/index.js';
import { SweepSignInAttempts } from './sweep-sign-in-attempts.use-case.js';

describe(SweepSignInAttempts.name, () => {
  const settings = { windowMinutes: 5, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 50, lockoutMinutes: 15, burstAlertPerMinute: 100 };

  it('is for the system only (no ability), and takes no input', () => {
    expect(SweepSignInAttempts.definition.ability).toBeUndefined();
    expect(refusalsOf(SweepSignInAttempts.definition.input, { now: 'x' })).toEqual([expect.stringMatching(/now/)]);
  });

  it('summarises the windows that closed since, then drops their counters', async () => {
    let clock = Date.parse('2026-05-04T09:00:00Z');
    const trail = new RecordingTrailWriter();
    const throttle = new SignInThrottle({
      store: new InMemorySignInAttemptStore(),
      trail,
      alerts: { securityEvent: async () => undefined },
      settings,
      accountKey: (l) => l,
      now: () => new Date(clock),
    });
    for (let i = 0; i < 4; i++) await throttle.failed({ source: '203.0.113.9', method: 'token' }, 'no token');
    const sut = new SweepSignInAttempts(throttle, { purge: async () => 0 });
    const run = () => sut.execute(parsedBy(SweepSignInAttempts.definition.input, {}));
    expect(await run()).toEqual({ summarised: 0, purged: 0, sessionsPurged: 0 });
    clock += 5 * 60_000;
    expect(await run()).toEqual({ summarised: 1, purged: 2, sessionsPurged: 0 });
    expect(trail.actions).toEqual(['auth.failed', 'auth.failures-summarised']);
  });

  it('drops the rows of web sessions that ended, or ran past their end, more than a day ago, and keeps the others', async () => {
    const world = staffSessionsWorld({ idleMs: 30 * 60_000, absoluteMs: 10 * 3_600_000, roleRefreshMs: 0 });
    const who = { subject: 'oidc:https://idp#1', method: 'oidc' as const, displayName: 'A', roles: ['auditor' as const], person: null };
    const signedOut = await world.sessions.open(who);
    await world.sessions.end(signedOut.session, 'signed-out');
    world.advance(12 * 3_600_000);
    const recent = await world.sessions.open(who);
    await world.sessions.end(recent.session, 'signed-out');
    world.advance(13 * 3_600_000);
    const open = await world.sessions.open(who);
    const throttle = { sweep: async () => ({ summarised: 0, purged: 0 }) };
    expect(await new SweepSignInAttempts(throttle, world.sessions).execute({})).toEqual({ summarised: 0, purged: 0, sessionsPurged: 1 });
    expect([...world.store.rows.keys()].sort()).toEqual([recent.session.id, open.session.id].sort());
  });
});

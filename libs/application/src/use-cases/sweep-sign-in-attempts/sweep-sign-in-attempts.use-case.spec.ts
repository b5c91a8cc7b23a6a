import { SignInThrottle } from '#vigie/access-control';
import { InMemorySignInAttemptStore } from '#vigie/access-control/testing';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { parsedBy, refusalsOf } from '../../testing/index.js';
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
    const sut = new SweepSignInAttempts(throttle);
    const run = () => sut.execute(parsedBy(SweepSignInAttempts.definition.input, {}));
    expect(await run()).toEqual({ summarised: 0, purged: 0 });
    clock += 5 * 60_000;
    expect(await run()).toEqual({ summarised: 1, purged: 2 });
    expect(trail.actions).toEqual(['auth.failed', 'auth.failures-summarised']);
  });
});

import { accountDelaySeconds, afterFailure, blockedUntil, isBurst, retryAfterSeconds, unreportedClosed, windowAt } from './sign-in-attempts.policy.js';

const SETTINGS = { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 50, lockoutMinutes: 15, burstAlertPerMinute: 20 };
const AT = new Date('2026-05-04T09:07:30Z');
const later = (seconds: number) => new Date(AT.getTime() + seconds * 1000);

describe(windowAt.name, () => {
  it('cuts fixed windows aligned on the clock, the same on every replica', () => {
    expect(windowAt(AT, 15)).toEqual({ start: new Date('2026-05-04T09:00:00Z'), end: new Date('2026-05-04T09:15:00Z') });
    expect(windowAt(new Date('2026-05-04T09:15:00Z'), 15).start).toEqual(new Date('2026-05-04T09:15:00Z'));
    expect(windowAt(AT, 1)).toEqual({ start: new Date('2026-05-04T09:07:00Z'), end: new Date('2026-05-04T09:08:00Z') });
  });
});

describe(accountDelaySeconds.name, () => {
  it('makes an account wait from its accountDelayAfter-th failure on, doubling each time, capped at a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 9, 40].map((n) => accountDelaySeconds(n, SETTINGS))).toEqual([0, 0, 1, 2, 4, 8, 60, 60]);
  });

  it('never waits longer than a lockout would', () => {
    expect(accountDelaySeconds(12, { ...SETTINGS, accountLockoutAfter: 100, lockoutMinutes: 1 })).toBe(60);
    expect(accountDelaySeconds(1000, SETTINGS)).toBe(60);
  });
});

describe(afterFailure.name, () => {
  it('locks an account out for lockoutMinutes at accountLockoutAfter failures, and delays it before', () => {
    expect(afterFailure('account', 2, AT, SETTINGS)).toEqual({ kind: 'none' });
    expect(afterFailure('account', 3, AT, SETTINGS)).toEqual({ kind: 'delay', until: later(1) });
    expect(afterFailure('account', 9, AT, SETTINGS)).toEqual({ kind: 'delay', until: later(60) });
    expect(afterFailure('account', 10, AT, SETTINGS)).toEqual({ kind: 'lockout', until: later(15 * 60) });
    expect(afterFailure('account', 11, AT, SETTINGS)).toEqual({ kind: 'lockout', until: later(15 * 60) });
  });

  it('never delays a source (a shared proxy would wait for everyone), and locks it out at sourceLockoutAfter', () => {
    expect(afterFailure('source', 49, AT, SETTINGS)).toEqual({ kind: 'none' });
    expect(afterFailure('source', 50, AT, { ...SETTINGS, lockoutMinutes: 2 })).toEqual({ kind: 'lockout', until: later(120) });
  });
});

describe(blockedUntil.name, () => {
  it('answers the latest lockout or wait still running, over every window of the key', () => {
    const rows = [
      { lockedUntil: later(-1), waitUntil: null },
      { lockedUntil: later(30), waitUntil: later(45) },
      { lockedUntil: later(40), waitUntil: null },
    ];
    expect(blockedUntil(rows, AT)).toEqual(later(45));
  });

  it('answers null once everything has expired, on its own', () => {
    expect(blockedUntil([{ lockedUntil: later(30), waitUntil: later(2) }], later(30))).toBeNull();
    expect(blockedUntil([], AT)).toBeNull();
  });
});

describe(retryAfterSeconds.name, () => {
  it('rounds up to whole seconds, at least one', () => {
    expect(retryAfterSeconds(later(1.2), AT)).toBe(2);
    expect(retryAfterSeconds(later(0.001), AT)).toBe(1);
    expect(retryAfterSeconds(later(900), AT)).toBe(900);
  });
});

describe(isBurst.name, () => {
  it('is a burst from burstAlertPerMinute failures in a minute', () => {
    expect(isBurst(19, SETTINGS)).toBe(false);
    expect(isBurst(20, SETTINGS)).toBe(true);
  });
});

describe(unreportedClosed.name, () => {
  it('keeps the closed windows with failures the trail was not told of', () => {
    const closed = { windowEnd: AT, failures: 7, reported: 1 };
    const told = { windowEnd: AT, failures: 7, reported: 7 };
    const open = { windowEnd: later(1), failures: 7, reported: 1 };
    expect(unreportedClosed([closed, told, open], AT)).toEqual([closed]);
  });
});

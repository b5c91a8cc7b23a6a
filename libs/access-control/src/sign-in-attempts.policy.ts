/** The thresholds of `auth.attempts` in the configuration. */
export interface SignInAttemptSettings {
  windowMinutes: number;
  accountDelayAfter: number;
  accountLockoutAfter: number;
  sourceLockoutAfter: number;
  lockoutMinutes: number;
  burstAlertPerMinute: number;
}

/** What is counted: a source address, an account (by a keyed hash of its login), or every failure (bursts). */
export type AttemptScope = 'source' | 'account' | 'all';

/** One fixed window, aligned on the epoch so that every replica cuts the same windows. */
export interface AttemptWindow {
  start: Date;
  end: Date;
}

/** What a failure leads to: a lockout, a wait before the next attempt, or nothing yet. */
export type FailureOutcome = { kind: 'lockout'; until: Date } | { kind: 'delay'; until: Date } | { kind: 'none' };

const MINUTE = 60_000;
/** The longest wait between two attempts of one account before its lockout. */
export const MAX_DELAY_SECONDS = 60;

export function windowAt(at: Date, minutes: number): AttemptWindow {
  const length = minutes * MINUTE;
  const start = Math.floor(at.getTime() / length) * length;
  return { start: new Date(start), end: new Date(start + length) };
}

/**
 * The wait after an account's `failures`th failure of a window: none before `accountDelayAfter`, then 1 s, 2 s, 4 s…
 * doubling with each failure, capped at a minute (and at the lockout, which is longer or comes next anyway).
 */
export function accountDelaySeconds(failures: number, settings: SignInAttemptSettings): number {
  if (failures < settings.accountDelayAfter) return 0;
  const cap = Math.min(MAX_DELAY_SECONDS, settings.lockoutMinutes * 60);
  return Math.min(cap, 2 ** Math.min(failures - settings.accountDelayAfter, 30));
}

/** The decision after a failure, from the count of the window it fell in (this failure included). */
export function afterFailure(scope: 'source' | 'account', failures: number, at: Date, settings: SignInAttemptSettings): FailureOutcome {
  const lockoutAfter = scope === 'source' ? settings.sourceLockoutAfter : settings.accountLockoutAfter;
  if (failures >= lockoutAfter) return { kind: 'lockout', until: new Date(at.getTime() + settings.lockoutMinutes * MINUTE) };
  if (scope === 'account') {
    const seconds = accountDelaySeconds(failures, settings);
    if (seconds > 0) return { kind: 'delay', until: new Date(at.getTime() + seconds * 1000) };
  }
  return { kind: 'none' };
}

/** What blocks a key: the latest lockout or wait of any of its windows still running at `at`. */
export function blockedUntil(rows: ReadonlyArray<{ lockedUntil: Date | null; waitUntil: Date | null }>, at: Date): Date | null {
  let until: Date | null = null;
  for (const r of rows) {
    for (const t of [r.lockedUntil, r.waitUntil]) if (t && t > at && (!until || t > until)) until = t;
  }
  return until;
}

/** Whole seconds to wait until `until`, at least one (a Retry-After of 0 invites a retry at once). */
export function retryAfterSeconds(until: Date, at: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000));
}

/** Whether the failures of one minute, all sources together, are a burst to alert on. */
export function isBurst(failuresThisMinute: number, settings: SignInAttemptSettings): boolean {
  return failuresThisMinute >= settings.burstAlertPerMinute;
}

/** Windows of a key that have closed with failures the trail has not been told of yet. */
export function unreportedClosed<T extends { windowEnd: Date; failures: number; reported: number }>(rows: readonly T[], at: Date): T[] {
  return rows.filter((r) => r.windowEnd <= at && r.failures > r.reported);
}

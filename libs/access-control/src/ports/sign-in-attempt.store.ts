import type { AttemptScope } from '../sign-in-attempts.policy.js';

/** One counter: a scope, a key (a source address, a keyed hash of a login, or a name for `all`) and a window. */
export interface AttemptKey {
  scope: AttemptScope;
  key: string;
  windowStart: Date;
}

/** A counter as stored, after the statement that changed it. */
export interface AttemptCount extends AttemptKey {
  windowEnd: Date;
  failures: number;
  /** The failures the trail has been told of (first failure, lockout, summary). */
  reported: number;
  firstFailureAt: Date | null;
  lastFailureAt: Date | null;
  /** A lockout running until then. */
  lockedUntil: Date | null;
  /** A wait (the growing delay of an account) running until then. */
  waitUntil: Date | null;
}

/**
 * The counters of failed sign-ins, shared by every replica: each method is one atomic statement, so that two replicas
 * counting at once count exactly, and a lockout, a report or an alert is claimed by one of them only.
 */
export abstract class SignInAttemptStore {
  /** Counts one failure in its window (creating the counter), and answers the counter after it. */
  abstract countFailure(key: AttemptKey & { windowEnd: Date }, at: Date): Promise<AttemptCount>;
  /** Every stored window of a key. */
  abstract rowsOf(scope: AttemptScope, key: string): Promise<AttemptCount[]>;
  /** Starts a lockout unless one is running at `at`: true for the one caller that started it. */
  abstract lockOut(key: AttemptKey, until: Date, at: Date): Promise<boolean>;
  /** Makes the next attempt wait until then (never shortens a wait). */
  abstract delay(key: AttemptKey, until: Date): Promise<void>;
  /** The trail has been told of this many failures of the window. */
  abstract markReported(key: AttemptKey, failures: number): Promise<void>;
  /**
   * Takes the windows closed by `closedBy` whose failures the trail has not been told of, marking them told: each is
   * answered to one caller only. Of one key when given; at most `limit`.
   */
  abstract claimUnreported(closedBy: Date, of: { scope: AttemptScope; key: string } | null, limit: number): Promise<AttemptCount[]>;
  /** Whether this caller may alert for this key and window: true once (the counter is created when missing). */
  abstract claimAlert(key: AttemptKey & { windowEnd: Date }): Promise<boolean>;
  /** The keys of a scope with the most failures in a window, most first. */
  abstract busiest(scope: AttemptScope, windowStart: Date, limit: number): Promise<Array<{ key: string; failures: number }>>;
  /** Drops every window of a key (an account that signed in). */
  abstract forget(scope: AttemptScope, key: string): Promise<void>;
  /** Drops the windows closed by `at`, reported, and blocking nothing any more; answers how many. */
  abstract purge(at: Date): Promise<number>;
}

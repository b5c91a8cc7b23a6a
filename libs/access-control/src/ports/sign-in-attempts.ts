import type { SignInMethod } from '../staff.model.js';

/** One attempt to sign in or to use a token: where from, as whom, how. */
export interface SignInAttempt {
  /** The caller's address (what throttling per source counts). */
  source?: string;
  /** The login typed, normalised (trimmed, lower-cased): what throttling per account counts. None for a token. */
  account?: string;
  method: SignInMethod;
  /** The route asked for, for the trail. */
  route?: string;
}

/** Why an attempt is not even checked: its source or its account is waiting or locked out. */
export interface SignInBlock {
  scope: 'source' | 'account';
  retryAfterSeconds: number;
}

/**
 * Failed sign-ins and failed tokens, counted per source and per account on PostgreSQL (so that the count holds across
 * replicas), with a delay then a lockout that expire; one trail entry per window and key with its count, never one per
 * attempt; a burst alerts the security officer at once.
 */
export abstract class SignInAttempts {
  /** Before the credentials are checked: a block when the source or the account must wait; null to go on. */
  abstract blocked(attempt: SignInAttempt): Promise<SignInBlock | null>;
  /** After a refusal: counted, perhaps locking out, perhaps alerting. `reason` is for the trail, never for the caller. */
  abstract failed(attempt: SignInAttempt, reason: string): Promise<void>;
  /** After a success: the account's count starts again (the source's does not: a spray succeeds now and then). */
  abstract succeeded(attempt: SignInAttempt): Promise<void>;
}

/**
 * What went wrong, in the terms every edge maps once: the API to an HTTP status (apps/api/src/http/error-status.ts),
 * the command line to an exit code (libs/application/src/process/exit-codes.ts). Libraries know nothing of either.
 */
export const ERROR_KINDS = [
  /** The input is wrong (a field, a file, a date): the message says what and how to put it right. */
  'invalid-input',
  /** The thing named does not exist (or the caller may not know that it does). */
  'not-found',
  /** The request is well formed but the current state forbids it (already decided, ambiguous, busy, nothing to do yet). */
  'conflict',
  /** No valid credentials. */
  'unauthenticated',
  /** Valid credentials without the ability the request needs. */
  'forbidden',
  /** A server Vigie depends on (PostgreSQL, a directory, a mail server) cannot be reached or failed: try again later. */
  'unavailable',
  /** Vigie's own configuration is wrong: the operator fixes vigie.yaml or the environment. */
  'configuration',
  /** A mistake on the command line itself. */
  'usage',
  /** The process ran out of something it needs (memory): the message says how to give it more. */
  'resource-exhausted',
  /** Too many failed attempts from this source or for this account: wait `retryAfterSeconds` and try again. */
  'too-many-requests',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface VigieErrorOptions {
  cause?: unknown;
  /** Every problem found, when there are several (a policy with ten mistakes): the message sums them up. */
  details?: string[];
  /** For `too-many-requests`: how long the caller must wait before trying again (HTTP Retry-After). */
  retryAfterSeconds?: number;
}

/** The one error type of Vigie: a kind, and a message that says what is wrong and what to do. */
export class VigieError extends Error {
  readonly details: string[];
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    options: VigieErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details ?? [];
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isVigieError(err: unknown): err is VigieError {
  return err instanceof VigieError;
}

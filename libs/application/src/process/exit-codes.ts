import { type ErrorKind, isVigieError } from '#vigie/common';

/**
 * The exit code of a process that stops on an error, by kind: the sysexits(3) code where one fits, so that a script
 * or a service manager can tell a mistake in the command from a server that is down; 1 for the others.
 */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  usage: 64, // EX_USAGE
  'invalid-input': 65, // EX_DATAERR
  unavailable: 69, // EX_UNAVAILABLE
  configuration: 78, // EX_CONFIG
  'resource-exhausted': 71, // EX_OSERR: the system could not give what the run needs (memory)
  'not-found': 1,
  conflict: 1,
  unauthenticated: 1,
  forbidden: 1,
  'too-many-requests': 75, // EX_TEMPFAIL: try again later
};

/** Anything that is not a VigieError is a bug. */
export const UNEXPECTED_ERROR_EXIT_CODE = 1;

export function exitCodeOf(err: unknown): number {
  return isVigieError(err) ? EXIT_CODES[err.kind] : UNEXPECTED_ERROR_EXIT_CODE;
}

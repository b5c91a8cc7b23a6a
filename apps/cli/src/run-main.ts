import { ConfigError } from '#vigie/config/core';
import { redactText } from '#vigie/logging';

/** Errors whose message already says what failed and what to check: shown as they are, without a stack. */
const EXPECTED = new Set([
  'ConfigError',
  'DatabaseUnavailableError',
  'DirectoryUnreachableError',
  'DirectoryAuthError',
  'DirectoryTlsError',
  'DirectorySearchError',
  'InvalidDirectorySourceError',
  'LdifSyntaxError',
  'LdifFileError',
  'InvalidDnError',
  'PolicyValidationError',
  'PolicyLoadError',
  'UnknownDirectoryError',
  'UnknownRoleError',
  'NothingToAuditError',
  'NothingToSimulateError',
  'UnimplementedRuleError',
  'RosterFileError',
  'InvalidFindingDecisionError',
  'FindingNotFoundError',
  'UsageError',
  'UnknownIdentityError',
  'AmbiguousIdentityError',
  'UnknownResourceError',
  'DirectoryNotSynchronisedError',
  'TrailKeyError',
  'TrailUsageError',
  'UnknownDataSubjectError',
  'StillInDirectoryError',
]);

/** A mistake in the command line itself. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function exitCodeOf(err: unknown): number {
  if (err instanceof ConfigError) return 78; // EX_CONFIG
  if (err instanceof UsageError) return 64; // EX_USAGE
  return 1;
}

/** Prints one clear error to stderr; never a secret, never a stack for an error the user can fix. */
export function reportError(err: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  const e = err instanceof Error ? err : new Error(String(err));
  const known = EXPECTED.has(e.name) || EXPECTED.has(e.constructor?.name);
  const text = known ? e.message : `${e.message}\n${e.stack ?? ''}\n(unexpected error: please report it with the lines above)`;
  write(`vigie: ${redactText(text)}\n`);
  return exitCodeOf(err);
}

/** Runs a program's main function and turns any error into a message and an exit code. */
export async function runMain(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

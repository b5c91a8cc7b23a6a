import { isVigieError } from '#vigie/common';
import { redactText } from '#vigie/logging';
import { StdoutWatch } from './closed-stdout.js';
import { exitCodeOf } from './exit-codes.js';

/** How many causes of an unexpected error are printed: enough for a wrapped driver error, never a loop. */
const MAX_CAUSES = 5;

/**
 * Prints one error to stderr and returns the exit code. A VigieError's message says what is wrong and what to do: it
 * is printed alone. Anything else is a bug: its stack and causes are printed, with a request to report it. Secrets
 * that a driver may have echoed are scrubbed either way.
 */
export function reportError(err: unknown, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  const text = isVigieError(err) ? err.message : unexpected(err);
  write(`vigie: ${redactText(text)}\n`);
  return exitCodeOf(err);
}

/**
 * Runs a program's main function and turns any error into a message and an exit code. A reader that closed standard
 * output early (`| head`) ends it normally: see StdoutWatch.
 */
export async function runMain(fn: () => Promise<void>, stdout = new StdoutWatch()): Promise<void> {
  stdout.start();
  try {
    await fn();
  } catch (err) {
    if (!stdout.explains(err)) process.exitCode = reportError(err);
  }
}

function unexpected(err: unknown): string {
  const lines = [describe(err)];
  let cause = err instanceof Error ? err.cause : undefined;
  for (let i = 0; cause !== undefined && i < MAX_CAUSES; i++) {
    lines.push(`caused by: ${describe(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  lines.push('(unexpected error: please report it with the lines above)');
  return lines.join('\n');
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // A stack starts with the name and message; without one (thrown across realms), the message stands alone.
  return err.stack?.includes(err.message) ? err.stack : `${err.message}\n${err.stack ?? ''}`;
}

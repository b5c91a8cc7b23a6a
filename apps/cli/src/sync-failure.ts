import { VigieError, isVigieError } from '#vigie/common';

/**
 * One error for the directories whose sync failed, each on its line. Its kind is theirs (the first one's when they
 * differ, which decides the exit code); a failure that is not a VigieError is a bug, and the error is left without a
 * kind so that it is reported as one, with the bug as its cause.
 */
export function syncFailure(failures: Array<{ directory: string; error: unknown }>): Error {
  const lines = failures.map(({ directory, error }) => `${directory}: ${error instanceof Error ? error.message : String(error)}`);
  const message = `sync failed (the previous snapshot is kept):\n  ${lines.join('\n  ')}`;
  const bug = failures.find(({ error }) => !isVigieError(error));
  if (bug) return new Error(message, { cause: bug.error });
  const first = failures[0]!.error as VigieError;
  return new VigieError(first.kind, message, { cause: first, details: lines });
}

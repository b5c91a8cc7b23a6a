import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { VigieError } from '#vigie/common';

/** A file given with --output that cannot be written: the path is the user's to fix. */
export function outputFileError(path: string, err: unknown): VigieError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const reason =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ENOSPC'
            ? 'no space left on the device'
            : String((err as Error | null)?.message ?? err);
  return new VigieError('invalid-input', `cannot write ${path}: ${reason}. Check --output`, { cause: err });
}

/**
 * A stream to an output file, open before anything is written to it: a path that cannot be written fails here with
 * a readable error, where the stream would otherwise emit it later as an 'error' event that nothing listens to.
 */
export async function openOutputStream(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  try {
    await once(stream, 'open');
  } catch (err) {
    throw outputFileError(path, err);
  }
  // A later failure (a full disk) reaches the writer through end()'s callback and the pending write, never as a crash.
  stream.on('error', () => undefined);
  return stream;
}

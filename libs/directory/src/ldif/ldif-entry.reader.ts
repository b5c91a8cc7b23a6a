import type { DirectoryEntry } from '../directory-entry.js';
import type { LdifDirectorySource } from '../directory-source.js';
import { DirectoryError, LdifFileError } from '../errors.js';
import { LdifParser } from './ldif-parser.js';
import { readLines } from './ldif-text.js';

/** Reads the entries of an LDIF file one at a time, never holding the whole file. */
export class LdifEntryReader {
  async *read(source: LdifDirectorySource, options: { signal?: AbortSignal } = {}): AsyncGenerator<DirectoryEntry> {
    const { signal } = options;
    signal?.throwIfAborted();
    const parser = new LdifParser(source.file);
    try {
      for await (const line of readLines(source.file, signal)) {
        // The stream only sees the signal between chunks; a chunk holds thousands of lines.
        signal?.throwIfAborted();
        const entry = parser.push(line);
        if (entry) yield entry;
      }
      const last = parser.end();
      if (last) yield last;
    } catch (error) {
      throw toLdifError(error, source.file, signal);
    }
  }
}

function toLdifError(error: unknown, file: string, signal: AbortSignal | undefined): unknown {
  if (error instanceof DirectoryError) return error;
  if (signal?.aborted) return signal.reason;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return new LdifFileError(file, 'no such file', { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new LdifFileError(file, 'permission denied', { cause: error });
    case 'EISDIR':
      return new LdifFileError(file, 'it is a directory', { cause: error });
    case 'ERR_ENCODING_INVALID_ENCODED_DATA':
      return new LdifFileError(file, 'the file is neither UTF-8 nor UTF-16 with a byte order mark', { cause: error });
    default:
      return new LdifFileError(file, String((error as Error | null)?.message ?? error), { cause: error });
  }
}

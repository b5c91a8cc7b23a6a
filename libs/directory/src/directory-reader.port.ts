import type { DirectoryEntry } from './directory-entry.js';
import type { DirectorySource } from './directory-source.js';

export interface ReadOptions {
  /** Stops the read: the iteration throws the signal's reason and the connection is closed. */
  signal?: AbortSignal;
}

/**
 * Reads every entry of a directory, one at a time. An abstract class rather than an interface so
 * that it can serve as a NestJS injection token (`{ provide: DirectoryReader, useClass: ... }`).
 * Failures are DirectoryError subclasses, each with a hint for the administrator.
 */
export abstract class DirectoryReader {
  abstract read(source: DirectorySource, options?: ReadOptions): AsyncIterable<DirectoryEntry>;
}

import type { DirectorySnapshot, SnapshotData } from '../snapshot.model.js';

/** Where synchronised pictures are kept. */
export abstract class SnapshotStore {
  /** Replaces the stored picture of a directory all at once: on failure the previous picture stays. */
  abstract replace(directory: string, data: SnapshotData, syncRunId: string): Promise<void>;
  /** The stored pictures, of every directory or of the named ones. */
  abstract load(directories?: string[]): Promise<DirectorySnapshot[]>;
}

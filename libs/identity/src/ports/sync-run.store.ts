import type { SyncMode, SyncRunRecord, SyncState, SyncStats } from '../sync-run.model.js';

export interface DirectorySyncRuns {
  directory: string;
  latest: SyncRunRecord | null;
  lastSuccess: SyncRunRecord | null;
}

/** The record of sync runs, kept even when a run fails (with its reason), and each directory's sync state. */
export abstract class SyncRunStore {
  abstract start(directory: string, mode: SyncMode): Promise<string>;
  /** Marks a run succeeded on its own; a sync marks it through SnapshotStore.commit, with its snapshot. */
  abstract succeed(id: string, stats: SyncStats): Promise<void>;
  abstract fail(id: string, reason: string, stats: Partial<SyncStats>): Promise<void>;
  /**
   * Marks the runs of a directory still 'running' as failed with this reason: runs whose process
   * stopped before they could record their end. Call only while holding the directory's sync lock.
   */
  abstract abandonRunning(directory: string, reason: string): Promise<number>;
  abstract latest(directory: string): Promise<SyncRunRecord | null>;
  abstract get(id: string): Promise<SyncRunRecord | null>;
  /** The latest runs, newest first, of one directory or of all. */
  abstract list(options?: { directory?: string; limit?: number }): Promise<SyncRunRecord[]>;
  abstract state(directory: string): Promise<SyncState | null>;
  /** Each directory's latest run (whatever its outcome) and latest successful run, in one read: the dashboard's. */
  abstract latestPerDirectory(directories: readonly string[]): Promise<DirectorySyncRuns[]>;
}

import type { SyncMode, SyncRunRecord, SyncStats } from '../sync-run.model.js';

/** The record of sync runs, kept even when a run fails (with its reason). */
export abstract class SyncRunStore {
  abstract start(directory: string, mode: SyncMode): Promise<string>;
  abstract succeed(id: string, stats: SyncStats): Promise<void>;
  abstract fail(id: string, reason: string, stats: Partial<SyncStats>): Promise<void>;
  abstract latest(directory: string): Promise<SyncRunRecord | null>;
}

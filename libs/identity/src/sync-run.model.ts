export type SyncMode = 'full' | 'incremental';
export type SyncStatus = 'running' | 'succeeded' | 'failed';

export interface SyncStats {
  entries: number;
  accounts: number;
  groups: number;
  memberships: number;
  /** member / memberUid values that name no object of the directory (kept: they may be foreign principals). */
  unresolvedMembers: number;
  skipped: number;
}

export interface SyncRunRecord {
  id: string;
  directory: string;
  mode: SyncMode;
  status: SyncStatus;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  stats: Partial<SyncStats>;
}

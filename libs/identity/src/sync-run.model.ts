export type SyncMode = 'full' | 'incremental';
export type SyncStatus = 'running' | 'succeeded' | 'failed';

export interface SyncStats {
  /** Entries read from the directory in this run (all of them in a full sync, the changed ones otherwise). */
  entries: number;
  /** The stored snapshot after the run. */
  accounts: number;
  groups: number;
  memberships: number;
  /** OUs, printers, shares and foreign security principals. */
  objects: number;
  /** member / memberUid values that name no object of the directory (kept: they may be foreign principals). */
  unresolvedMembers: number;
  skipped: number;
  /** What changed since the previous snapshot. */
  added: number;
  modified: number;
  moved: number;
  removed: number;
  membershipsAdded: number;
  membershipsRemoved: number;
  /** 1 when this run made the directory's first snapshot: nothing to compare with, so no change is recorded. */
  baseline: number;
  /** 1 when an incremental run also compared every entry identifier to find deletions (OpenLDAP). */
  reconciled: number;
  /**
   * Incremental runs: accounts read with a failed password since the previous run (AD badPasswordTime, OpenLDAP
   * pwdFailureTime). Not a change of the snapshot, but what the intrusion rules must look at at once.
   */
  badPasswords?: number;
}

export function emptyStats(): SyncStats {
  return {
    entries: 0,
    accounts: 0,
    groups: 0,
    memberships: 0,
    objects: 0,
    unresolvedMembers: 0,
    skipped: 0,
    added: 0,
    modified: 0,
    moved: 0,
    removed: 0,
    membershipsAdded: 0,
    membershipsRemoved: 0,
    baseline: 0,
    reconciled: 0,
  };
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

/**
 * Where the next incremental sync of a directory starts from.
 * - usn: AD's uSNChanged, valid only on the domain controller that gave it (`server`, its dsServiceName)
 * - csn: OpenLDAP's contextCSN (syncprov) read before the last run; entries with an entryCSN from it on
 * - modify-timestamp: OpenLDAP's modifyTimestamp (GeneralizedTime), the server's own clock, with a margin
 * - full-requested: none; the next run reads everything, for this reason (an erasure rewrote stored rows
 *   of entries that have not changed in the directory, which an incremental run would not read again)
 */
export type SyncWatermark =
  | { kind: 'usn'; usn: string; server: string }
  | { kind: 'csn'; csn: string }
  | { kind: 'modify-timestamp'; timestamp: string }
  | { kind: 'full-requested'; reason: string };

/** What Vigie keeps about a directory between runs. */
export interface SyncState {
  directory: string;
  /** The latest successful run (full or incremental): the snapshot as it stands. */
  lastRunId: string | null;
  lastSyncedAt: Date | null;
  lastFullRunId: string | null;
  lastFullSyncAt: Date | null;
  watermark: SyncWatermark | null;
  /** A digest of how the directory is read (kind, url, base DN, filters): when it changes, the next run is full. */
  sourceFingerprint: string | null;
  /** The last comparison of every entry identifier (a full sync counts as one). */
  reconciledAt: Date | null;
}

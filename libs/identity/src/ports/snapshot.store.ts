import type { MembershipChange, ObjectChange, SyncedObjectType } from '../change.model.js';
import type { AccountRecord, DirectoryObjectRecord, DirectorySnapshot, GroupRecord, MembershipRecord } from '../snapshot.model.js';
import type { SyncMode, SyncStats, SyncWatermark } from '../sync-run.model.js';

/** The three tables of a snapshot: accounts, groups, and every other object. */
export type ObjectTable = 'account' | 'group' | 'object';

/** A stored object as the sync compares it, without its attributes. */
export interface StoredObjectRef {
  table: ObjectTable;
  objectType: SyncedObjectType;
  dn: string;
  dnNorm: string;
  objectGuid: string | null;
  /** login of an account, name of anything else. */
  name: string | null;
  fingerprint: string;
  /** Groups: the digest of their direct members. */
  membersFingerprint: string | null;
}

export interface StoredObjectQuery {
  guids?: readonly string[];
  dnNorms?: readonly string[];
  logins?: readonly string[];
  under?: readonly string[];
}

export interface RecordWrite<T> {
  record: T;
  fingerprint: string;
}

export interface GroupWrite extends RecordWrite<GroupRecord> {
  membersFingerprint: string;
}

/**
 * One run's effect on the stored snapshot, applied all at once with the run's outcome: readers see
 * the previous snapshot until it is committed, and a failure leaves it untouched.
 */
export interface SnapshotCommit {
  directory: string;
  runId: string;
  /** The mode the run ended up using (recorded on the run). */
  mode: SyncMode;
  /** Rows to remove, by their stored dnNorm: removed objects and the previous rows of rewritten ones. */
  deleted: Record<ObjectTable, string[]>;
  /** Rows to write: new objects and the new versions of changed and moved ones. */
  written: {
    accounts: RecordWrite<AccountRecord>[];
    groups: GroupWrite[];
    objects: RecordWrite<DirectoryObjectRecord>[];
  };
  memberships: {
    /** Groups (stored dnNorm) whose every stored membership row goes. */
    clearedGroups: string[];
    /** Single rows that go (a member renamed or deleted, in groups not cleared). */
    removed: MembershipRecord[];
    added: MembershipRecord[];
  };
  changes: ObjectChange[];
  membershipChanges: MembershipChange[];
  state: {
    watermark: SyncWatermark | null;
    sourceFingerprint: string | null;
    full: boolean;
    /** Set when this run compared every identifier of the directory (a full sync does). */
    reconciledAt: Date | null;
  };
  stats: SyncStats;
}

/** Rows of a first snapshot, as they are read: each group's direct members are normalized DNs without duplicates. */
export interface SnapshotPart {
  accounts: RecordWrite<AccountRecord>[];
  groups: GroupWrite[];
  objects: RecordWrite<DirectoryObjectRecord>[];
  members: Array<{ groupDnNorm: string; memberDnNorms: string[] }>;
}

/**
 * A directory's first snapshot, written while the directory is read (the database works while the
 * sync decodes the next pages) in one transaction that `finish` commits with the rest of the run:
 * readers see nothing of it before, and `abort` (or a failure) leaves nothing behind.
 */
export interface FirstSnapshotWriter {
  /** Queues rows; throws the write's error if an earlier part failed, which stops the read. */
  write(part: SnapshotPart): void;
  /** Writes what the commit still holds (rows not streamed, the run's state), then commits. */
  finish(commit: SnapshotCommit): Promise<void>;
  /** Rolls back whatever was written. */
  abort(): Promise<void>;
}

/** Where synchronised snapshots are kept. */
export abstract class SnapshotStore {
  /**
   * A writer for the first snapshot of a directory that has no stored rows, where the store can
   * write while the read goes on; null otherwise (the sync then commits everything at the end).
   */
  async openFirstSnapshot(_directory: string, _runId: string): Promise<FirstSnapshotWriter | null> {
    return null;
  }

  /** The stored snapshots, of every directory or of the named ones. */
  abstract load(directories?: string[]): Promise<DirectorySnapshot[]>;
  /** Every stored object of a directory, without attributes, for comparison. */
  abstract index(directory: string): Promise<StoredObjectRef[]>;
  /**
   * Some stored objects of a directory, without attributes: those with one of these objectGUIDs /
   * entryUUIDs (lower case), one of these normalized DNs, accounts with one of these logins (lower
   * case), and the descendants of these normalized DNs. What an incremental run compares with,
   * instead of the index of the whole directory.
   */
  abstract find(directory: string, query: StoredObjectQuery): Promise<StoredObjectRef[]>;
  /** The full stored records of some objects, by stored dnNorm. */
  abstract records(
    directory: string,
    dnNorms: Record<ObjectTable, string[]>,
  ): Promise<{ accounts: AccountRecord[]; groups: GroupRecord[]; objects: DirectoryObjectRecord[] }>;
  /** The stored memberships of some groups (by group dnNorm), and of some members (by member dnNorm). */
  abstract memberships(directory: string, query: { groups?: string[]; members?: string[] }): Promise<MembershipRecord[]>;
  /**
   * The stored DN-valued attributes (an account's manager, a group's or an object's managedBy):
   * which object holds which value. Read when objects moved or went, to find who names them.
   */
  abstract dnReferences(directory: string): Promise<Array<{ holderDnNorm: string; holderGuid: string | null; value: string }>>;
  /** Counts of the stored snapshot. */
  abstract counts(directory: string): Promise<{ accounts: number; groups: number; objects: number; memberships: number }>;
  /** Applies one run's delta, records its changes, its new state and its success, in one transaction. */
  abstract commit(commit: SnapshotCommit): Promise<void>;
}

import type { ObjectChangeAction, StoredMembershipChange, StoredObjectChange } from '../change.model.js';
import type { SyncRunRecord } from '../sync-run.model.js';

export const DIRECTORY_CHANGE_KINDS = ['object', 'membership'] as const;
export type DirectoryChangeKind = (typeof DIRECTORY_CHANGE_KINDS)[number];

/** One change a sync run found, with the time its run finished (when the snapshot changed). */
export type DirectoryChange = ({ kind: 'object' } & StoredObjectChange) | ({ kind: 'membership' } & StoredMembershipChange);
export type DatedDirectoryChange = DirectoryChange & { at: Date };

export interface DirectoryChangeQuery {
  directory?: string;
  /** A DN (compared normalized) or a login or name (any case): the object changed, or a group or member of a membership change. */
  object?: string;
  /** Runs finished in this range, both included. */
  from?: Date;
  to?: Date;
  kinds?: DirectoryChangeKind[];
  actions?: ObjectChangeAction[];
  limit: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

export interface DirectoryChangePage {
  items: DatedDirectoryChange[];
  nextCursor: string | null;
}

export interface SyncRunPage {
  items: SyncRunRecord[];
  nextCursor: string | null;
}

/**
 * What the syncs changed, newest first across runs, a page at a time (keyset: a page reads only its rows, however
 * long the history); and the runs themselves. Read-only: for the desk and its queries.
 */
export abstract class DirectoryChangeHistory {
  abstract changes(query: DirectoryChangeQuery): Promise<DirectoryChangePage>;
  abstract runs(query: { directory?: string; limit: number; cursor?: string }): Promise<SyncRunPage>;
}

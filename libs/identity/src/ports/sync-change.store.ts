import type { LockoutSighting, MembershipAddition, ObjectChangeAction, StoredMembershipChange, StoredObjectChange, SyncedObjectType } from '../change.model.js';

export interface ChangePage {
  limit?: number;
  offset?: number;
}

export interface ObjectChangeFilter {
  actions?: ObjectChangeAction[];
  objectTypes?: SyncedObjectType[];
}

export interface MembershipChangeFilter {
  action?: 'added' | 'removed';
  /** Only changes to this group (DN, compared normalized). */
  groupDn?: string;
}

/**
 * The changes each sync run found, in the order it found them: for the audit trail and alerts
 * (a new member of Domain Admins). A first sync of a directory (a baseline) records none.
 */
export abstract class SyncChangeStore {
  abstract objectChanges(runId: string, filter?: ObjectChangeFilter, page?: ChangePage): Promise<StoredObjectChange[]>;
  abstract membershipChanges(runId: string, filter?: MembershipChangeFilter, page?: ChangePage): Promise<StoredMembershipChange[]>;
  /**
   * Links into groups that successful runs finished since `since` saw appear, across directories: the latest
   * sighting of each (group, member) and of each account's primary group. A baseline records none.
   */
  abstract membershipAdditionsSince(since: Date): Promise<MembershipAddition[]>;
  /**
   * The lockouts that successful runs finished since `since` recorded (an account's lockedOutAt set or moved to a
   * new time), across directories, oldest first: the history H-REPEATED-LOCKOUT counts. A baseline records none.
   */
  abstract lockoutsSince(since: Date): Promise<LockoutSighting[]>;
}

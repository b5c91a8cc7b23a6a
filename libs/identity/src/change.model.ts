import type { AccountKind, DirectoryObjectKind } from './snapshot.model.js';

/** What a change record says an object is. */
export type SyncedObjectType = AccountKind | 'group' | DirectoryObjectKind;

/** A value as change records keep it: dates as ISO 8601 text, lists as arrays. */
export type ChangeValue = string | number | boolean | null | string[];

export interface AttributeChange {
  /** The model's field name: userAccountControl, servicePrincipalNames, scope... */
  attribute: string;
  old: ChangeValue;
  new: ChangeValue;
}

/**
 * - added: new since the previous snapshot; `changes` lists its initial values (those that are set)
 * - modified: attributes that matter changed (volatile ones such as lastLogon are kept out)
 * - moved: same objectGUID / entryUUID under another DN (`oldDn`); may carry attribute changes too
 * - removed: gone from the directory (deleted, or out of the synchronised scope)
 */
export type ObjectChangeAction = 'added' | 'modified' | 'moved' | 'removed';

export interface ObjectChange {
  action: ObjectChangeAction;
  objectType: SyncedObjectType;
  objectGuid: string | null;
  /** The object's DN now; for a removed object, its last known DN. */
  dn: string;
  /** Moves: the DN it had in the previous snapshot. */
  oldDn: string | null;
  /** login of an account, name of anything else. */
  name: string | null;
  changes: AttributeChange[];
}

export interface MembershipChange {
  action: 'added' | 'removed';
  groupDn: string;
  groupName: string | null;
  groupGuid: string | null;
  memberDn: string;
  /** login of an account, name of a group or other object; null for a member that names no synchronised object. */
  memberName: string | null;
  memberGuid: string | null;
  /** null: the member names no synchronised object (another domain, a deleted entry). */
  memberType: SyncedObjectType | null;
}

/** A change as stored: which run found it, in which directory, in what order. */
export interface StoredObjectChange extends ObjectChange {
  runId: string;
  directory: string;
  seq: number;
}

export interface StoredMembershipChange extends MembershipChange {
  runId: string;
  directory: string;
  seq: number;
}

/**
 * A direct link into a group that a sync run saw appear: a `member` value added, or an account's primaryGroupID
 * set (on creation or by a change), which AD never lists in `member`. G-PRIV-CHANGE reads these to tell a new
 * privileged member from one that was there at the baseline.
 */
export interface MembershipAddition {
  directory: string;
  via: 'member' | 'primary-group';
  /** normalizeDn of the group; null for a primary group, which is named by its RID. */
  groupDnNorm: string | null;
  /** Primary group changes: the new primaryGroupID. */
  primaryGroupId: number | null;
  memberDnNorm: string;
  runId: string;
  /** When the run that saw it finished. */
  seenAt: Date;
}

/** A lockout a sync run saw: the account's lockedOutAt (AD lockoutTime, OpenLDAP pwdAccountLockedTime) took this value. */
export interface LockoutSighting {
  directory: string;
  dnNorm: string;
  /** When the directory says the account was locked out. */
  lockedOutAt: Date;
  runId: string;
  /** When the run that saw it finished. */
  seenAt: Date;
}

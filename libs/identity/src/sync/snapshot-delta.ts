import type { MembershipChange, ObjectChange } from '../change.model.js';
import type { GroupWrite, ObjectTable, RecordWrite, SnapshotCommit, StoredObjectRef } from '../ports/snapshot.store.js';
import type { AccountRecord, DirectoryObjectRecord, GroupRecord, MembershipRecord } from '../snapshot.model.js';
import type { ObjectLabel } from './snapshot-builder.js';

type AnyRecord = AccountRecord | GroupRecord | DirectoryObjectRecord;

/** What a run changes in the stored snapshot, as it is being worked out. */
export class SnapshotDelta {
  readonly deleted: Record<ObjectTable, string[]> = { account: [], group: [], object: [] };
  readonly written: { accounts: RecordWrite<AccountRecord>[]; groups: GroupWrite[]; objects: RecordWrite<DirectoryObjectRecord>[] } = {
    accounts: [],
    groups: [],
    objects: [],
  };
  readonly memberships: { clearedGroups: string[]; removed: MembershipRecord[]; added: MembershipRecord[] } = {
    clearedGroups: [],
    removed: [],
    added: [],
  };
  readonly changes: ObjectChange[] = [];
  readonly membershipChanges: MembershipChange[] = [];
  readonly counts = { added: 0, modified: 0, moved: 0, removed: 0, membershipsAdded: 0, membershipsRemoved: 0 };

  /** A baseline (the directory's first snapshot) records no change: everything would be "added". */
  constructor(readonly baseline: boolean) {}

  /** Counts a change, and records it unless this is a baseline (`make` is then not called). */
  objectChanged(action: ObjectChange['action'], make: () => ObjectChange): void {
    this.counts[action]++;
    if (!this.baseline) this.changes.push(make());
  }

  /** An object of the stored snapshot that the directory no longer holds: deleted from its table, reported as removed. */
  objectRemoved(ref: StoredObjectRef): void {
    this.deleted[ref.table].push(ref.dnNorm);
    this.objectChanged('removed', () => ({
      action: 'removed',
      objectType: ref.objectType,
      objectGuid: ref.objectGuid,
      dn: ref.dn,
      oldDn: null,
      name: ref.name,
      changes: [],
    }));
  }

  membershipChanged(action: 'added' | 'removed', group: MemberLabel, memberOf: () => MemberLabel): void {
    this.counts[action === 'added' ? 'membershipsAdded' : 'membershipsRemoved']++;
    if (this.baseline) return;
    const member = memberOf();
    this.membershipChanges.push({
      action,
      groupDn: group.dn,
      groupName: group.name,
      groupGuid: group.objectGuid,
      memberDn: member.dn,
      memberName: member.name,
      memberGuid: member.objectGuid,
      memberType: member.objectType,
    });
  }

  toCommit(rest: Pick<SnapshotCommit, 'directory' | 'runId' | 'mode' | 'state' | 'stats'>): SnapshotCommit {
    return {
      ...rest,
      deleted: this.deleted,
      written: this.written,
      memberships: this.memberships,
      changes: this.changes,
      membershipChanges: this.membershipChanges,
    };
  }
}

/** How a membership change names a group or a member; objectType null for a member that names no object. */
export type MemberLabel = Pick<ObjectLabel, 'dn' | 'name' | 'objectGuid'> & { objectType: ObjectLabel['objectType'] | null };

export function labelOfStored(ref: StoredObjectRef): MemberLabel {
  return { dn: ref.dn, name: ref.name, objectGuid: ref.objectGuid, objectType: ref.objectType };
}

/** A member DN that names no synchronised object: its normalized DN is all there is. */
export function unresolvedLabel(dnNorm: string): MemberLabel {
  return { dn: dnNorm, name: null, objectGuid: null, objectType: null };
}

/** Records that a run writes this account, group or other object, with its fingerprints. */
export function pushWrite(delta: SnapshotDelta, table: ObjectTable, record: AnyRecord, fp: string, membersFp?: string): void {
  if (table === 'account') delta.written.accounts.push({ record: record as AccountRecord, fingerprint: fp });
  else if (table === 'group') delta.written.groups.push({ record: record as GroupRecord, fingerprint: fp, membersFingerprint: membersFp ?? '' });
  else delta.written.objects.push({ record: record as DirectoryObjectRecord, fingerprint: fp });
}

/** The change of an object as the sync run's trail and history record it. */
export function change(action: ObjectChange['action'], label: ObjectLabel, oldDn: string | null, changes: ObjectChange['changes']): ObjectChange {
  return { action, objectType: label.objectType, objectGuid: label.objectGuid, dn: label.dn, oldDn, name: label.name, changes };
}

/**
 * Whether a member of a group read now was not one before. A value that names no object now and
 * was there before is not new: the object it named is gone (reported as removed), the value stays.
 */
export function isNewMember(dnNorm: string, key: string, beforeKeys: Set<string>, beforeDns: Set<string>): boolean {
  if (beforeKeys.has(key)) return false;
  return !(key.startsWith('dn:') && beforeDns.has(dnNorm));
}

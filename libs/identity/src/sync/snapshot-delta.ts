import type { MembershipChange, ObjectChange } from '../change.model.js';
import type { GroupWrite, ObjectTable, RecordWrite, SnapshotCommit, StoredObjectRef } from '../ports/snapshot.store.js';
import type { AccountRecord, DirectoryObjectRecord, GroupRecord, MembershipRecord } from '../snapshot.model.js';
import type { ObjectLabel } from './picture.js';

/** What a run changes in the stored picture, as it is being worked out. */
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

  /** A baseline (the directory's first picture) records no change: everything would be "added". */
  constructor(readonly baseline: boolean) {}

  /** Counts a change, and records it unless this is a baseline (`make` is then not called). */
  objectChanged(action: ObjectChange['action'], make: () => ObjectChange): void {
    this.counts[action]++;
    if (!this.baseline) this.changes.push(make());
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

/** A member DN that names no synchronised object: its normalised DN is all there is. */
export function unresolvedLabel(dnNorm: string): MemberLabel {
  return { dn: dnNorm, name: null, objectGuid: null, objectType: null };
}

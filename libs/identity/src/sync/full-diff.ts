import { VigieError } from '#vigie/common';
import type { FirstSnapshotWriter, ObjectTable, SnapshotStore, StoredObjectRef } from '../ports/snapshot.store.js';
import type { AccountRecord, DirectoryObjectRecord, GroupRecord } from '../snapshot.model.js';
import { type ObjectLabel, type SnapshotBuilder, labelOfAccount, labelOfGroup, labelOfObject, objectKey } from './snapshot-builder.js';
import { ACCOUNT_FIELDS, type FieldSpec, GROUP_FIELDS, OBJECT_FIELDS, diffTracked, initialValues, membersFingerprint } from './record-fields.js';
import { type MemberLabel, SnapshotDelta, change, isNewMember, labelOfStored, pushWrite, unresolvedLabel } from './snapshot-delta.js';

type AnyRecord = AccountRecord | GroupRecord | DirectoryObjectRecord;

interface Pending {
  table: ObjectTable;
  label: ObjectLabel;
  record: AnyRecord;
  stored: StoredObjectRef;
  fingerprint: string;
}

export interface FullDiff {
  delta: SnapshotDelta;
  totals: { accounts: number; groups: number; objects: number; memberships: number; unresolvedMembers: number };
}

const SPECS: Record<ObjectTable, FieldSpec<never>> = {
  account: ACCOUNT_FIELDS as FieldSpec<never>,
  group: GROUP_FIELDS as FieldSpec<never>,
  object: OBJECT_FIELDS as FieldSpec<never>,
};

/**
 * Compares a complete read of a directory with its stored snapshot, by identity (objectGUID /
 * entryUUID, else DN): what to write, what to remove, and the change records. Rows are compared by
 * fingerprint first, so only the changed ones are read back for their old values.
 */
export async function diffFull(
  reading: SnapshotBuilder,
  stored: StoredObjectRef[],
  options: { baseline: boolean; store: Pick<SnapshotStore, 'records' | 'memberships'> },
): Promise<FullDiff> {
  const directory = reading.directory;
  const delta = new SnapshotDelta(options.baseline);
  const newByDn = reading.byDn;
  const storedByKey = new Map<string, StoredObjectRef>();
  const storedByDn = new Map<string, StoredObjectRef>();
  for (const ref of stored) {
    storedByKey.set(objectKey(ref.objectGuid, ref.dnNorm), ref);
    storedByDn.set(ref.dnNorm, ref);
  }
  const { members, unresolved } = reading.resolveMembers();

  const matched = new Set<StoredObjectRef>();
  const match = (label: ObjectLabel): StoredObjectRef | undefined => {
    let ref = storedByKey.get(objectKey(label.objectGuid, label.dnNorm));
    // The stored row predates GUIDs (an LDIF export without them): the DN is all it has.
    if (!ref && label.objectGuid) {
      const byDn = storedByDn.get(label.dnNorm);
      if (byDn && !byDn.objectGuid) ref = byDn;
    }
    // An object that changed table (a user turned into a group...) is removed and added.
    if (!ref || matched.has(ref) || ref.table !== label.table) return undefined;
    matched.add(ref);
    return ref;
  };

  const pending: Pending[] = [];
  const groupsToCompare: Array<{ group: GroupRecord; stored: StoredObjectRef }> = [];
  const newGroups: GroupRecord[] = [];
  const visit = (table: ObjectTable, label: ObjectLabel, record: AnyRecord, fp: string, membersFp?: string) => {
    const ref = match(label);
    if (!ref) {
      pushWrite(delta, table, record, fp, membersFp);
      delta.objectChanged('added', () => change('added', label, null, initialValues(record as never, SPECS[table])));
      if (table === 'group') newGroups.push(record as GroupRecord);
      return;
    }
    const membersChanged = table === 'group' && (ref.membersFingerprint !== membersFp || ref.dnNorm !== label.dnNorm);
    if (membersChanged) groupsToCompare.push({ group: record as GroupRecord, stored: ref });
    if (ref.fingerprint !== fp || ref.dn !== label.dn || membersChanged) {
      pending.push({ table, label, record, stored: ref, fingerprint: fp });
    }
  };

  reading.accounts.forEach((a, i) => visit('account', labelOfAccount(a), a, reading.accountFps[i]!));
  const membersFps = new Map<string, string>();
  reading.groups.forEach((g, i) => {
    const mfp = membersFingerprint(members.get(g.dnNorm) ?? []);
    membersFps.set(g.dnNorm, mfp);
    visit('group', labelOfGroup(g), g, reading.groupFps[i]!, mfp);
  });
  reading.objects.forEach((o, i) => visit('object', labelOfObject(o), o, reading.objectFps[i]!));

  const removed = stored.filter((ref) => !matched.has(ref));
  for (const ref of removed) delta.objectRemoved(ref);

  // Old values, for the rows whose fingerprint or DN changed.
  const wanted: Record<ObjectTable, string[]> = { account: [], group: [], object: [] };
  for (const p of pending) wanted[p.table].push(p.stored.dnNorm);
  const old = await options.store.records(directory, wanted);
  const oldByDn = new Map<string, AnyRecord>();
  for (const r of [...old.accounts, ...old.groups, ...old.objects]) oldByDn.set(r.dnNorm, r);
  // A DN value (manager, managedBy) that follows its object's move names the same object.
  const sameObject = (oldDn: string, newDn: string) => {
    const before = reading.dns.normalize(oldDn);
    const after = reading.dns.normalize(newDn);
    if (!before || !after) return false;
    const was = storedByDn.get(before);
    const is = newByDn.get(after);
    return !!was && !!is && objectKey(was.objectGuid, was.dnNorm) === objectKey(is.objectGuid, is.dnNorm);
  };
  for (const p of pending) {
    const before = oldByDn.get(p.stored.dnNorm);
    if (!before)
      throw new VigieError(
        'conflict',
        `stored ${p.table} ${p.stored.dn} vanished during the sync: another process wrote this directory's snapshot; run the sync again`,
      );
    delta.deleted[p.table].push(p.stored.dnNorm);
    pushWrite(delta, p.table, p.record, p.fingerprint, membersFps.get(p.label.dnNorm));
    const attributes = diffTracked(before as never, p.record as never, SPECS[p.table], sameObject);
    if (p.stored.dnNorm !== p.label.dnNorm) delta.objectChanged('moved', () => change('moved', p.label, p.stored.dn, attributes));
    else if (attributes.length) delta.objectChanged('modified', () => change('modified', p.label, null, attributes));
  }

  // Memberships: rows are rewritten per group; changes are compared by identity, so that a member
  // or a group that was only renamed or moved is not reported as removed and added.
  const removedGroups = removed.filter((ref) => ref.table === 'group');
  const oldRows = await options.store.memberships(directory, {
    groups: [...removedGroups.map((r) => r.dnNorm), ...groupsToCompare.map((g) => g.stored.dnNorm)],
  });
  const oldMembers = new Map<string, string[]>();
  for (const row of oldRows) {
    const list = oldMembers.get(row.groupDnNorm);
    if (list) list.push(row.memberDnNorm);
    else oldMembers.set(row.groupDnNorm, [row.memberDnNorm]);
  }
  const storedMemberKey = (dnNorm: string) => {
    const ref = storedByDn.get(dnNorm);
    return ref ? objectKey(ref.objectGuid, ref.dnNorm) : `dn:${dnNorm}`;
  };
  const newMemberKey = (dnNorm: string) => {
    const label = newByDn.get(dnNorm);
    return label ? objectKey(label.objectGuid, label.dnNorm) : `dn:${dnNorm}`;
  };
  const storedMemberLabel = (dnNorm: string): MemberLabel => {
    const ref = storedByDn.get(dnNorm);
    return ref ? labelOfStored(ref) : unresolvedLabel(dnNorm);
  };
  const newMemberLabel = (dnNorm: string): MemberLabel => newByDn.get(dnNorm) ?? unresolvedLabel(dnNorm);

  for (const ref of removedGroups) {
    delta.memberships.clearedGroups.push(ref.dnNorm);
    for (const m of oldMembers.get(ref.dnNorm) ?? []) delta.membershipChanged('removed', labelOfStored(ref), () => storedMemberLabel(m));
  }
  for (const { group, stored: ref } of groupsToCompare) {
    delta.memberships.clearedGroups.push(ref.dnNorm);
    const now = members.get(group.dnNorm) ?? [];
    for (const m of now) delta.memberships.added.push({ groupDnNorm: group.dnNorm, memberDnNorm: m });
    const before = oldMembers.get(ref.dnNorm) ?? [];
    const beforeKeys = new Set(before.map(storedMemberKey));
    const beforeDns = new Set(before);
    const nowKeys = new Set(now.map(newMemberKey));
    const groupLabel = labelOfGroup(group);
    for (const m of now) if (isNewMember(m, newMemberKey(m), beforeKeys, beforeDns)) delta.membershipChanged('added', groupLabel, () => newMemberLabel(m));
    for (const m of before) if (!nowKeys.has(storedMemberKey(m))) delta.membershipChanged('removed', groupLabel, () => storedMemberLabel(m));
  }
  for (const group of newGroups) {
    const groupLabel = labelOfGroup(group);
    for (const m of members.get(group.dnNorm) ?? []) {
      delta.memberships.added.push({ groupDnNorm: group.dnNorm, memberDnNorm: m });
      delta.membershipChanged('added', groupLabel, () => newMemberLabel(m));
    }
  }

  let membershipTotal = 0;
  for (const list of members.values()) membershipTotal += list.length;
  return {
    delta,
    totals: {
      accounts: reading.accounts.length,
      groups: reading.groups.length,
      objects: reading.objects.length,
      memberships: membershipTotal,
      unresolvedMembers: unresolved,
    },
  };
}

/**
 * diffFull's result for a first snapshot written while it was read: the rows the snapshot has not
 * handed out yet go to the writer; everything counts as added, as diffFull counts a baseline, and
 * no change is recorded.
 */
export function firstSnapshotDiff(reading: SnapshotBuilder, writer: FirstSnapshotWriter): FullDiff {
  const { part, totals } = reading.finishWritable();
  writer.write(part);
  const delta = new SnapshotDelta(true);
  delta.counts.added = reading.accounts.length + reading.groups.length + reading.objects.length;
  delta.counts.membershipsAdded = totals.memberships;
  return {
    delta,
    totals: { accounts: reading.accounts.length, groups: reading.groups.length, objects: reading.objects.length, ...totals },
  };
}

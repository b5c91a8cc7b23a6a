import { formatDn, normalizeDn, parseDn } from '#vigie/directory';
import type { ObjectTable, SnapshotStore, StoredObjectRef } from '../ports/snapshot.store.js';
import type { AccountRecord, DirectoryObjectRecord, GroupRecord } from '../snapshot.model.js';
import { change, pushWrite } from './full-diff.js';
import { type ObjectLabel, type PictureBuilder, labelOfAccount, labelOfGroup, labelOfObject, objectKey } from './picture.js';
import {
  ACCOUNT_FIELDS,
  type FieldSpec,
  GROUP_FIELDS,
  OBJECT_FIELDS,
  diffTracked,
  fingerprint,
  initialValues,
  membersFingerprint,
} from './record-fields.js';
import { type MemberLabel, SnapshotDelta, labelOfStored, unresolvedLabel } from './snapshot-delta.js';

type AnyRecord = AccountRecord | GroupRecord | DirectoryObjectRecord;

const SPECS: Record<ObjectTable, FieldSpec<never>> = {
  account: ACCOUNT_FIELDS as FieldSpec<never>,
  group: GROUP_FIELDS as FieldSpec<never>,
  object: OBJECT_FIELDS as FieldSpec<never>,
};

export interface IncrementalInput {
  /** The entries changed since the watermark (and those re-read after a reconciliation). */
  picture: PictureBuilder;
  /** Identities (objectGuid, else `dn:` + dnNorm) of the objects gone from the directory. */
  deletedKeys: Set<string>;
  /**
   * AD keeps `member` as links to objects: a renamed member shows its new DN in every group
   * without the group changing. OpenLDAP keeps DN strings, rewritten (by refint) as a change of
   * the group itself. So on AD the stored memberships follow a move; on OpenLDAP they are re-read.
   */
  membersFollowMoves: boolean;
}

/**
 * Applies a partial read to the stored picture: the changed entries replace their stored versions,
 * deleted ones go, and a moved container takes its stored descendants along (their DNs change
 * without their entries changing, on AD as on OpenLDAP).
 */
export async function diffIncremental(
  input: IncrementalInput,
  stored: StoredObjectRef[],
  store: Pick<SnapshotStore, 'records' | 'memberships'>,
): Promise<{ delta: SnapshotDelta; unresolvedMembers: number }> {
  const { picture } = input;
  const directory = picture.directory;
  const delta = new SnapshotDelta(false);
  const newByKey = picture.labels();
  const newByDn = new Map<string, ObjectLabel>();
  for (const label of newByKey.values()) newByDn.set(label.dnNorm, label);
  const storedByKey = new Map<string, StoredObjectRef>();
  const storedByDn = new Map<string, StoredObjectRef>();
  for (const ref of stored) {
    storedByKey.set(objectKey(ref.objectGuid, ref.dnNorm), ref);
    storedByDn.set(ref.dnNorm, ref);
  }

  // What goes: deleted objects that were not read again meanwhile.
  const removed: StoredObjectRef[] = [];
  for (const key of input.deletedKeys) {
    const ref = storedByKey.get(key);
    if (ref && !newByKey.has(key)) removed.push(ref);
  }
  const removedDns = new Set(removed.map((r) => r.dnNorm));

  const { members, unresolved } = picture.resolveMembers(
    (dn) => newByDn.has(dn) || (storedByDn.has(dn) && !removedDns.has(dn)),
    uidLookup(stored),
  );

  // What changed: each read entry against its stored version.
  const pending: Array<{ table: ObjectTable; label: ObjectLabel; record: AnyRecord; stored: StoredObjectRef; fingerprint: string; membersFp?: string }> = [];
  const matched = new Set<StoredObjectRef>();
  const newGroups: GroupRecord[] = [];
  const comparedGroups: Array<{ group: GroupRecord; stored: StoredObjectRef }> = [];
  const visit = (table: ObjectTable, label: ObjectLabel, record: AnyRecord, fp: string, membersFp?: string) => {
    let ref = storedByKey.get(objectKey(label.objectGuid, label.dnNorm));
    if (!ref && label.objectGuid) {
      const byDn = storedByDn.get(label.dnNorm);
      if (byDn && !byDn.objectGuid) ref = byDn;
    }
    if (ref && ref.table !== table) {
      removed.push(ref);
      removedDns.add(ref.dnNorm);
      ref = undefined;
    }
    if (!ref) {
      pushWrite(delta, table, record, fp, membersFp);
      delta.objectChanged('added', () => change('added', label, null, initialValues(record as never, SPECS[table])));
      if (table === 'group') newGroups.push(record as GroupRecord);
      return;
    }
    matched.add(ref);
    // A group read again is compared member by member whatever its digest says: cheap, and it
    // corrects a picture whose rows were rewritten after a move.
    if (table === 'group') comparedGroups.push({ group: record as GroupRecord, stored: ref });
    if (ref.fingerprint !== fp || ref.dn !== label.dn || (table === 'group' && ref.membersFingerprint !== membersFp)) {
      pending.push({ table, label, record, stored: ref, fingerprint: fp, membersFp });
    }
  };
  for (const a of picture.accounts) visit('account', labelOfAccount(a), a, fingerprint(a, ACCOUNT_FIELDS));
  const membersFps = new Map<string, string>();
  for (const g of picture.groups) {
    const mfp = membersFingerprint(members.get(g.dnNorm) ?? []);
    membersFps.set(g.dnNorm, mfp);
    visit('group', labelOfGroup(g), g, fingerprint(g, GROUP_FIELDS), mfp);
  }
  for (const o of picture.objects) visit('object', labelOfObject(o), o, fingerprint(o, OBJECT_FIELDS));

  // Moves carry the stored descendants along: entries under a renamed OU keep their own version.
  const moves = new Map<string, string>();
  for (const p of pending) if (p.stored.dnNorm !== p.label.dnNorm) moves.set(p.stored.dnNorm, p.label.dn);
  const carried: Array<{ ref: StoredObjectRef; dn: string; dnNorm: string }> = [];
  if (moves.size) {
    for (const ref of stored) {
      if (matched.has(ref) || removedDns.has(ref.dnNorm)) continue;
      // The nearest moved ancestor: its new DN already includes any move further up.
      for (let ancestor = parentNorm(ref.dnNorm); ancestor !== null; ancestor = parentNorm(ancestor)) {
        const to = moves.get(ancestor);
        if (to === undefined) continue;
        const dn = rebaseDn(ref.dn, ancestor, to);
        carried.push({ ref, dn, dnNorm: normalizeDn(dn) });
        break;
      }
    }
  }
  const carriedByNewDn = new Map(carried.map((c) => [c.dnNorm, c]));
  const carriedByOldDn = new Map(carried.map((c) => [c.ref.dnNorm, c]));

  for (const ref of removed) {
    delta.deleted[ref.table].push(ref.dnNorm);
    delta.objectChanged('removed', () => ({ action: 'removed', objectType: ref.objectType, objectGuid: ref.objectGuid, dn: ref.dn, oldDn: null, name: ref.name, changes: [] }));
  }

  const wanted: Record<ObjectTable, string[]> = { account: [], group: [], object: [] };
  for (const p of pending) wanted[p.table].push(p.stored.dnNorm);
  for (const c of carried) wanted[c.ref.table].push(c.ref.dnNorm);
  const old = await store.records(directory, wanted);
  const oldByDn = new Map<string, AnyRecord>();
  for (const r of [...old.accounts, ...old.groups, ...old.objects]) oldByDn.set(r.dnNorm, r);
  const previous = (dnNorm: string, dn: string) => {
    const r = oldByDn.get(dnNorm);
    if (!r) throw new Error(`stored object ${dn} vanished during the sync: another process wrote this directory's picture`);
    return r;
  };
  for (const p of pending) {
    const before = previous(p.stored.dnNorm, p.stored.dn);
    delta.deleted[p.table].push(p.stored.dnNorm);
    pushWrite(delta, p.table, p.record, p.fingerprint, p.membersFp);
    const attributes = diffTracked(before as never, p.record as never, SPECS[p.table]);
    if (p.stored.dnNorm !== p.label.dnNorm) delta.objectChanged('moved', () => change('moved', p.label, p.stored.dn, attributes));
    else if (attributes.length) delta.objectChanged('modified', () => change('modified', p.label, null, attributes));
  }
  const movedTo = new Map<string, string>();
  for (const p of pending) if (p.stored.dnNorm !== p.label.dnNorm) movedTo.set(p.stored.dnNorm, p.label.dnNorm);
  for (const c of carried) {
    const before = previous(c.ref.dnNorm, c.ref.dn);
    const record = { ...before, dn: c.dn, dnNorm: c.dnNorm } as AnyRecord;
    movedTo.set(c.ref.dnNorm, c.dnNorm);
    delta.deleted[c.ref.table].push(c.ref.dnNorm);
    pushWrite(delta, c.ref.table, record, c.ref.fingerprint, c.ref.membersFingerprint ?? undefined);
    const label: ObjectLabel = { ...c.ref, dn: c.dn, dnNorm: c.dnNorm };
    delta.objectChanged('moved', () => change('moved', label, c.ref.dn, []));
  }

  // Memberships.
  const rereadGroups = new Set(comparedGroups.map((g) => g.stored.dnNorm));
  const removedGroups = removed.filter((r) => r.table === 'group');
  const carriedGroups = carried.filter((c) => c.ref.table === 'group');
  const lostMembers = removed.map((r) => r.dnNorm);
  const followers = input.membersFollowMoves ? [...movedTo.keys()] : [];
  const rows = await store.memberships(directory, {
    groups: [...rereadGroups, ...removedGroups.map((r) => r.dnNorm), ...carriedGroups.map((c) => c.ref.dnNorm)],
    members: [...lostMembers, ...followers],
  });
  const byGroup = new Map<string, string[]>();
  for (const row of rows) {
    const list = byGroup.get(row.groupDnNorm);
    if (list) list.push(row.memberDnNorm);
    else byGroup.set(row.groupDnNorm, [row.memberDnNorm]);
  }
  const storedKey = (dnNorm: string) => {
    const ref = storedByDn.get(dnNorm);
    return ref ? objectKey(ref.objectGuid, ref.dnNorm) : `dn:${dnNorm}`;
  };
  const storedLabel = (dnNorm: string): MemberLabel => {
    const ref = storedByDn.get(dnNorm);
    return ref ? labelOfStored(ref) : unresolvedLabel(dnNorm);
  };
  // A member named by a re-read group: read now, or stored (and maybe carried along by a move).
  const currentLabel = (dnNorm: string): MemberLabel => {
    const label = newByDn.get(dnNorm);
    if (label) return label;
    const c = carriedByNewDn.get(dnNorm);
    if (c) return { ...labelOfStored(c.ref), dn: c.dn };
    return storedByDn.get(dnNorm) ? storedLabel(dnNorm) : unresolvedLabel(dnNorm);
  };
  const currentKey = (dnNorm: string) => {
    const label = newByDn.get(dnNorm);
    if (label) return objectKey(label.objectGuid, label.dnNorm);
    const c = carriedByNewDn.get(dnNorm);
    if (c) return objectKey(c.ref.objectGuid, c.ref.dnNorm);
    return storedKey(dnNorm);
  };

  const handledGroups = new Set<string>();
  for (const ref of removedGroups) {
    handledGroups.add(ref.dnNorm);
    delta.memberships.clearedGroups.push(ref.dnNorm);
    for (const m of byGroup.get(ref.dnNorm) ?? []) delta.membershipChanged('removed', labelOfStored(ref), () => storedLabel(m));
  }
  for (const { group, stored: ref } of comparedGroups) {
    handledGroups.add(ref.dnNorm);
    const now = members.get(group.dnNorm) ?? [];
    const before = byGroup.get(ref.dnNorm) ?? [];
    const beforeKeys = new Set(before.map(storedKey));
    const nowKeys = new Set(now.map(currentKey));
    const groupLabel = labelOfGroup(group);
    for (const m of now) if (!beforeKeys.has(currentKey(m))) delta.membershipChanged('added', groupLabel, () => currentLabel(m));
    for (const m of before) if (!nowKeys.has(storedKey(m))) delta.membershipChanged('removed', groupLabel, () => storedLabel(m));
    if (sameSet(before, now) && ref.dnNorm === group.dnNorm) continue;
    delta.memberships.clearedGroups.push(ref.dnNorm);
    for (const m of now) delta.memberships.added.push({ groupDnNorm: group.dnNorm, memberDnNorm: m });
  }
  for (const group of newGroups) {
    const groupLabel = labelOfGroup(group);
    for (const m of members.get(group.dnNorm) ?? []) {
      delta.memberships.added.push({ groupDnNorm: group.dnNorm, memberDnNorm: m });
      delta.membershipChanged('added', groupLabel, () => currentLabel(m));
    }
  }
  // Groups not read again: their rows follow the moves (of the group itself, or of members on AD)
  // and lose the members that were deleted.
  for (const row of rows) {
    if (handledGroups.has(row.groupDnNorm)) continue;
    const groupTo = movedTo.get(row.groupDnNorm);
    const memberGone = removedDns.has(row.memberDnNorm);
    const memberTo = input.membersFollowMoves ? movedTo.get(row.memberDnNorm) : undefined;
    if (!groupTo && !memberGone && !memberTo) continue;
    delta.memberships.removed.push(row);
    if (memberGone) {
      const group = storedByDn.get(row.groupDnNorm);
      const groupLabel: MemberLabel = group ? { ...labelOfStored(group), dn: carriedByOldDn.get(group.dnNorm)?.dn ?? group.dn } : unresolvedLabel(row.groupDnNorm);
      delta.membershipChanged('removed', groupLabel, () => storedLabel(row.memberDnNorm));
      continue;
    }
    delta.memberships.added.push({ groupDnNorm: groupTo ?? row.groupDnNorm, memberDnNorm: memberTo ?? row.memberDnNorm });
  }
  return { delta, unresolvedMembers: unresolved };
}

/**
 * The DN of an entry whose ancestor `fromNorm` is now `toDn`: its own RDNs, then the new ancestor.
 * `dn` lies under `fromNorm` (compared normalised).
 */
export function rebaseDn(dn: string, fromNorm: string, toDn: string): string {
  const rdns = parseDn(dn);
  const own = rdns.length - parseDn(fromNorm).length;
  return `${formatDn(rdns.slice(0, own))},${toDn}`;
}

function uidLookup(stored: StoredObjectRef[]): (uid: string) => string | undefined {
  let byUid: Map<string, string> | undefined;
  return (uid) => {
    if (!byUid) {
      byUid = new Map();
      for (const ref of stored) if (ref.table === 'account' && ref.name) byUid.set(ref.name.toLowerCase(), ref.dnNorm);
    }
    return byUid.get(uid);
  };
}

/** The normalised DN of the parent of a normalised DN; null for a top entry. */
function parentNorm(dnNorm: string): string | null {
  for (let i = 0; i < dnNorm.length; i++) {
    if (dnNorm[i] === '\\') i++;
    else if (dnNorm[i] === ',') return dnNorm.slice(i + 1);
  }
  return null;
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

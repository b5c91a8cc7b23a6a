import { VigieError } from '#vigie/common';
import { formatDn, normalizeDn, parseDn } from '#vigie/directory';
import type { ObjectTable, SnapshotStore, StoredObjectRef } from '../ports/snapshot.store.js';
import type { AccountRecord, DirectoryObjectRecord, GroupRecord } from '../snapshot.model.js';
import { type ObjectLabel, type SnapshotBuilder, labelOfAccount, labelOfGroup, labelOfObject, objectKey } from './snapshot-builder.js';
import { ACCOUNT_FIELDS, type FieldSpec, GROUP_FIELDS, OBJECT_FIELDS, diffTracked, initialValues, membersFingerprint } from './record-fields.js';
import { type MemberLabel, SnapshotDelta, change, isNewMember, labelOfStored, pushWrite, unresolvedLabel } from './snapshot-delta.js';

type AnyRecord = AccountRecord | GroupRecord | DirectoryObjectRecord;

const SPECS: Record<ObjectTable, FieldSpec<never>> = {
  account: ACCOUNT_FIELDS as FieldSpec<never>,
  group: GROUP_FIELDS as FieldSpec<never>,
  object: OBJECT_FIELDS as FieldSpec<never>,
};

interface Read {
  table: ObjectTable;
  label: ObjectLabel;
  record: AnyRecord;
  fingerprint: string;
  /** Groups: the digest of their resolved members. */
  membersFp?: string;
  /** The stored version, when there is one. */
  stored?: StoredObjectRef;
}

/** A stored object whose DN changed because an ancestor was renamed or moved. */
interface Carried {
  ref: StoredObjectRef;
  dn: string;
  dnNorm: string;
}

/**
 * How a partial read (the entries changed since the watermark) lands on the stored snapshot: which
 * read entry is which stored object, what is removed, and which stored objects are carried along
 * by the move of an ancestor (their DN changes without their entry changing, on AD as on OpenLDAP).
 */
export interface IncrementalPlan {
  reading: SnapshotBuilder;
  stored: StoredObjectRef[];
  reads: Read[];
  removed: StoredObjectRef[];
  carried: Carried[];
  /** Old dnNorm → new dnNorm, for every object whose DN changed (read or carried). */
  movedTo: Map<string, string>;
  newByDn: Map<string, ObjectLabel>;
  storedByDn: Map<string, StoredObjectRef>;
  members: Map<string, string[]>;
  unresolvedMembers: number;
}

/**
 * The stored objects a partial read lands on, fetched by what was read instead of loading the index
 * of the whole directory: the objects read (by identity and by DN), the ones said to be deleted,
 * the members and memberUids of the groups read, and the descendants of the objects that moved.
 * Later steps fetch the DNs their stored membership rows name (ensureStored).
 */
export async function storedForIncremental(reading: SnapshotBuilder, deletedKeys: Set<string>, store: Pick<SnapshotStore, 'find'>): Promise<StoredObjectRef[]> {
  const guids = new Set<string>();
  const dnNorms = new Set<string>();
  const logins = new Set<string>();
  for (const label of reading.labels().values()) {
    if (label.objectGuid) guids.add(label.objectGuid);
    dnNorms.add(label.dnNorm);
  }
  for (const key of deletedKeys) {
    if (key.startsWith('dn:')) dnNorms.add(key.slice(3));
    else guids.add(key);
  }
  const { dns, uids } = reading.memberValues();
  for (const list of dns) for (const dn of list) dnNorms.add(dn);
  for (const list of uids) for (const uid of list) logins.add(uid.toLowerCase());
  const refs = await store.find(reading.directory, { guids: [...guids], dnNorms: [...dnNorms], logins: [...logins] });
  // Objects read under another DN than stored: what is stored below them moves with them.
  const byKey = new Map(refs.map((r) => [objectKey(r.objectGuid, r.dnNorm), r]));
  const movedFrom: string[] = [];
  for (const [key, label] of reading.labels()) {
    const ref = byKey.get(key);
    if (ref && ref.dnNorm !== label.dnNorm) movedFrom.push(ref.dnNorm);
  }
  if (!movedFrom.length) return refs;
  const have = new Set(refs.map((r) => `${r.table}\u0000${r.dnNorm}`));
  for (const ref of await store.find(reading.directory, { under: movedFrom })) if (!have.has(`${ref.table}\u0000${ref.dnNorm}`)) refs.push(ref);
  return refs;
}

/** Adds to the plan the stored objects of these DNs it does not know yet (named by stored membership rows). */
export async function ensureStored(plan: IncrementalPlan, store: Pick<SnapshotStore, 'find'>, dnNorms: Iterable<string>): Promise<void> {
  const missing = new Set<string>();
  for (const dn of dnNorms) if (!plan.storedByDn.has(dn)) missing.add(dn);
  if (!missing.size) return;
  for (const ref of await store.find(plan.reading.directory, { dnNorms: [...missing] }))
    if (!plan.storedByDn.has(ref.dnNorm)) plan.storedByDn.set(ref.dnNorm, ref);
}

/**
 * @param stored the stored objects involved (storedForIncremental), or the whole index
 * @param deletedKeys identities (objectGuid, else `dn:` + dnNorm) of the objects gone from the directory
 */
export function planIncremental(reading: SnapshotBuilder, deletedKeys: Set<string>, stored: StoredObjectRef[]): IncrementalPlan {
  const newByKey = reading.labels();
  const newByDn = reading.byDn;
  const storedByKey = new Map<string, StoredObjectRef>();
  const storedByDn = new Map<string, StoredObjectRef>();
  for (const ref of stored) {
    storedByKey.set(objectKey(ref.objectGuid, ref.dnNorm), ref);
    storedByDn.set(ref.dnNorm, ref);
  }

  // What goes: deleted objects that were not read again meanwhile.
  const removed: StoredObjectRef[] = [];
  for (const key of deletedKeys) {
    const ref = storedByKey.get(key);
    if (ref && !newByKey.has(key)) removed.push(ref);
  }
  const removedDns = new Set(removed.map((r) => r.dnNorm));

  const reads: Read[] = [];
  const matched = new Set<StoredObjectRef>();
  const visit = (table: ObjectTable, label: ObjectLabel, record: AnyRecord, fp: string) => {
    let ref = storedByKey.get(objectKey(label.objectGuid, label.dnNorm));
    if (!ref && label.objectGuid) {
      const byDn = storedByDn.get(label.dnNorm);
      if (byDn && !byDn.objectGuid) ref = byDn;
    }
    // An object that changed table (a user turned into a group...) is removed and added.
    if (ref && ref.table !== table) {
      removed.push(ref);
      removedDns.add(ref.dnNorm);
      ref = undefined;
    }
    if (ref) matched.add(ref);
    reads.push({ table, label, record, fingerprint: fp, stored: ref });
  };
  reading.accounts.forEach((a, i) => visit('account', labelOfAccount(a), a, reading.accountFps[i]!));
  reading.groups.forEach((g, i) => visit('group', labelOfGroup(g), g, reading.groupFps[i]!));
  reading.objects.forEach((o, i) => visit('object', labelOfObject(o), o, reading.objectFps[i]!));

  // Moves carry the stored descendants along: entries under a renamed OU keep their own version.
  const moves = new Map<string, string>();
  for (const r of reads) if (r.stored && r.stored.dnNorm !== r.label.dnNorm) moves.set(r.stored.dnNorm, r.label.dn);
  const carried: Carried[] = [];
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
  const movedTo = new Map<string, string>();
  for (const r of reads) if (r.stored && r.stored.dnNorm !== r.label.dnNorm) movedTo.set(r.stored.dnNorm, r.label.dnNorm);
  for (const c of carried) movedTo.set(c.ref.dnNorm, c.dnNorm);

  const carriedDns = new Set(carried.map((c) => c.dnNorm));
  const { members, unresolved } = reading.resolveMembers(
    (dn) => newByDn.has(dn) || carriedDns.has(dn) || (storedByDn.has(dn) && !removedDns.has(dn) && !movedTo.has(dn)),
    uidLookup(stored.filter((ref) => !removedDns.has(ref.dnNorm))),
  );
  for (const r of reads) if (r.table === 'group') r.membersFp = membersFingerprint(members.get(r.label.dnNorm) ?? []);

  return { reading, stored, reads, removed, carried, movedTo, newByDn, storedByDn, members, unresolvedMembers: unresolved };
}

/**
 * The stored objects that name a moved or removed object and were not read: groups by `member`,
 * accounts by `manager`, groups and other objects by `managedBy`. AD (links) and OpenLDAP's refint
 * rewrite such values without the holder counting as changed, so these must be read again to know
 * what they name now. Returns their objectGUIDs / entryUUIDs.
 */
export async function objectsToReread(plan: IncrementalPlan, store: Pick<SnapshotStore, 'memberships' | 'dnReferences' | 'find'>): Promise<string[]> {
  const touched = new Set([...plan.movedTo.keys(), ...plan.removed.map((r) => r.dnNorm)]);
  if (!touched.size) return [];
  const read = new Set(plan.reads.map((r) => r.stored?.dnNorm ?? r.label.dnNorm));
  const removed = new Set(plan.removed.map((r) => r.dnNorm));
  const guids = new Set<string>();
  const add = (dnNorm: string, guid: string | null | undefined) => {
    if (guid && !read.has(dnNorm) && !removed.has(dnNorm)) guids.add(guid);
  };
  const rows = await store.memberships(plan.reading.directory, { members: [...touched] });
  await ensureStored(
    plan,
    store,
    rows.map((row) => row.groupDnNorm),
  );
  for (const row of rows) {
    add(row.groupDnNorm, plan.storedByDn.get(row.groupDnNorm)?.objectGuid);
  }
  for (const ref of await store.dnReferences(plan.reading.directory)) {
    const value = plan.reading.dns.normalize(ref.value);
    if (value && touched.has(value)) add(ref.holderDnNorm, ref.holderGuid);
  }
  return [...guids];
}

/**
 * Applies a planned partial read to the stored snapshot: what to write and remove, and the
 * change records. Groups read again are compared member by member; the stored rows of groups not
 * read follow their own moves, and (for groups that could not be read again) their members' moves
 * and deletions, as AD and refint do.
 */
export async function diffIncremental(
  plan: IncrementalPlan,
  store: Pick<SnapshotStore, 'records' | 'memberships' | 'find'>,
): Promise<{ delta: SnapshotDelta; unresolvedMembers: number }> {
  const { reading, reads, removed, carried, movedTo, newByDn, storedByDn, members } = plan;
  const directory = reading.directory;
  const delta = new SnapshotDelta(false);

  const pending: Array<Read & { stored: StoredObjectRef }> = [];
  const newGroups: GroupRecord[] = [];
  for (const r of reads) {
    if (!r.stored) {
      pushWrite(delta, r.table, r.record, r.fingerprint, r.membersFp);
      delta.objectChanged('added', () => change('added', r.label, null, initialValues(r.record as never, SPECS[r.table])));
      if (r.table === 'group') newGroups.push(r.record as GroupRecord);
      continue;
    }
    if (r.stored.fingerprint !== r.fingerprint || r.stored.dn !== r.label.dn || (r.table === 'group' && r.stored.membersFingerprint !== r.membersFp)) {
      pending.push(r as Read & { stored: StoredObjectRef });
    }
  }
  for (const ref of removed) delta.objectRemoved(ref);

  const wanted: Record<ObjectTable, string[]> = { account: [], group: [], object: [] };
  for (const p of pending) wanted[p.table].push(p.stored.dnNorm);
  for (const c of carried) wanted[c.ref.table].push(c.ref.dnNorm);
  const old = await store.records(directory, wanted);
  const oldByDn = new Map<string, AnyRecord>();
  for (const r of [...old.accounts, ...old.groups, ...old.objects]) oldByDn.set(r.dnNorm, r);
  const previous = (ref: StoredObjectRef) => {
    const r = oldByDn.get(ref.dnNorm);
    if (!r)
      throw new VigieError('conflict', `stored object ${ref.dn} vanished during the sync: another process wrote this directory's snapshot; run the sync again`);
    return r;
  };
  // A DN value (manager, managedBy) that follows its object's move names the same object.
  const sameObject = (oldDn: string, newDn: string) => {
    const before = reading.dns.normalize(oldDn);
    const after = reading.dns.normalize(newDn);
    return !!before && !!after && movedTo.get(before) === after;
  };
  for (const p of pending) {
    const before = previous(p.stored);
    delta.deleted[p.table].push(p.stored.dnNorm);
    pushWrite(delta, p.table, p.record, p.fingerprint, p.membersFp);
    const attributes = diffTracked(before as never, p.record as never, SPECS[p.table], sameObject);
    if (p.stored.dnNorm !== p.label.dnNorm) delta.objectChanged('moved', () => change('moved', p.label, p.stored.dn, attributes));
    else if (attributes.length) delta.objectChanged('modified', () => change('modified', p.label, null, attributes));
  }
  const carriedByNewDn = new Map<string, Carried>();
  const carriedByOldDn = new Map<string, Carried>();
  for (const c of carried) {
    carriedByNewDn.set(c.dnNorm, c);
    carriedByOldDn.set(c.ref.dnNorm, c);
    const record = { ...previous(c.ref), dn: c.dn, dnNorm: c.dnNorm } as AnyRecord;
    delta.deleted[c.ref.table].push(c.ref.dnNorm);
    pushWrite(delta, c.ref.table, record, c.ref.fingerprint, c.ref.membersFingerprint ?? undefined);
    const label: ObjectLabel = { ...c.ref, dn: c.dn, dnNorm: c.dnNorm };
    delta.objectChanged('moved', () => change('moved', label, c.ref.dn, []));
  }

  // Memberships.
  const readGroups = reads.filter((r): r is Read & { stored: StoredObjectRef } => r.table === 'group' && r.stored !== undefined);
  const removedGroups = removed.filter((r) => r.table === 'group');
  const removedDns = new Set(removed.map((r) => r.dnNorm));
  const rows = await store.memberships(directory, {
    groups: [
      ...readGroups.map((r) => r.stored.dnNorm),
      ...removedGroups.map((r) => r.dnNorm),
      ...carried.filter((c) => c.ref.table === 'group').map((c) => c.ref.dnNorm),
    ],
    members: [...removedDns, ...movedTo.keys()],
  });
  await ensureStored(
    plan,
    store,
    rows.flatMap((row) => [row.groupDnNorm, row.memberDnNorm]),
  );
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
  // A member named by a group read now: read too, carried along by a move, or as stored.
  const currentLabel = (dnNorm: string): MemberLabel => {
    const label = newByDn.get(dnNorm);
    if (label) return label;
    const c = carriedByNewDn.get(dnNorm);
    if (c) return { ...labelOfStored(c.ref), dn: c.dn };
    return storedByDn.has(dnNorm) && !movedTo.has(dnNorm) && !removedDns.has(dnNorm) ? storedLabel(dnNorm) : unresolvedLabel(dnNorm);
  };
  const currentKey = (dnNorm: string) => {
    const label = newByDn.get(dnNorm);
    if (label) return objectKey(label.objectGuid, label.dnNorm);
    const c = carriedByNewDn.get(dnNorm);
    if (c) return objectKey(c.ref.objectGuid, c.ref.dnNorm);
    return storedByDn.has(dnNorm) && !movedTo.has(dnNorm) && !removedDns.has(dnNorm) ? storedKey(dnNorm) : `dn:${dnNorm}`;
  };

  const handled = new Set<string>();
  for (const ref of removedGroups) {
    handled.add(ref.dnNorm);
    delta.memberships.clearedGroups.push(ref.dnNorm);
    for (const m of byGroup.get(ref.dnNorm) ?? []) delta.membershipChanged('removed', labelOfStored(ref), () => storedLabel(m));
  }
  for (const r of readGroups) {
    handled.add(r.stored.dnNorm);
    const group = r.record as GroupRecord;
    const now = members.get(group.dnNorm) ?? [];
    const before = byGroup.get(r.stored.dnNorm) ?? [];
    const beforeKeys = new Set(before.map(storedKey));
    const beforeDns = new Set(before);
    const nowKeys = new Set(now.map(currentKey));
    const groupLabel = labelOfGroup(group);
    for (const m of now) if (isNewMember(m, currentKey(m), beforeKeys, beforeDns)) delta.membershipChanged('added', groupLabel, () => currentLabel(m));
    for (const m of before) if (!nowKeys.has(storedKey(m))) delta.membershipChanged('removed', groupLabel, () => storedLabel(m));
    if (r.stored.dnNorm === group.dnNorm && sameSet(before, now)) continue;
    delta.memberships.clearedGroups.push(r.stored.dnNorm);
    for (const m of now) delta.memberships.added.push({ groupDnNorm: group.dnNorm, memberDnNorm: m });
  }
  for (const group of newGroups) {
    const groupLabel = labelOfGroup(group);
    for (const m of members.get(group.dnNorm) ?? []) {
      delta.memberships.added.push({ groupDnNorm: group.dnNorm, memberDnNorm: m });
      delta.membershipChanged('added', groupLabel, () => currentLabel(m));
    }
  }
  // Groups not read again (they were re-read whenever they could be, see groupsToReread): their
  // rows follow their own move, and their members' moves and deletions.
  for (const row of rows) {
    if (handled.has(row.groupDnNorm)) continue;
    const groupTo = movedTo.get(row.groupDnNorm);
    const memberGone = removedDns.has(row.memberDnNorm);
    const memberTo = movedTo.get(row.memberDnNorm);
    if (!groupTo && !memberGone && !memberTo) continue;
    delta.memberships.removed.push(row);
    if (memberGone) {
      const group = storedByDn.get(row.groupDnNorm);
      const groupLabel: MemberLabel = group
        ? { ...labelOfStored(group), dn: carriedByOldDn.get(group.dnNorm)?.dn ?? group.dn }
        : unresolvedLabel(row.groupDnNorm);
      delta.membershipChanged('removed', groupLabel, () => storedLabel(row.memberDnNorm));
      continue;
    }
    delta.memberships.added.push({ groupDnNorm: groupTo ?? row.groupDnNorm, memberDnNorm: memberTo ?? row.memberDnNorm });
  }
  return { delta, unresolvedMembers: plan.unresolvedMembers };
}

/**
 * The DN of an entry whose ancestor `fromNorm` is now `toDn`: its own RDNs, then the new ancestor.
 * `dn` lies under `fromNorm` (compared normalized).
 */
export function rebaseDn(dn: string, fromNorm: string, toDn: string): string {
  const rdns = parseDn(dn);
  const own = rdns.length - parseDn(fromNorm).length;
  return `${formatDn(rdns.slice(0, own))},${toDn}`;
}

/** The normalized DN of the parent of a normalized DN; null for a top entry. */
function parentNorm(dnNorm: string): string | null {
  for (let i = 0; i < dnNorm.length; i++) {
    if (dnNorm[i] === '\\') i++;
    else if (dnNorm[i] === ',') return dnNorm.slice(i + 1);
  }
  return null;
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

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

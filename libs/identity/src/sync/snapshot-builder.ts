import { VigieError } from '#vigie/common';
import { type DirectoryEntry, normalizeDn } from '#vigie/directory';
import type { SyncedObjectType } from '../change.model.js';
import { type MapOptions, mapDirectoryEntry } from '../entry-mapper.js';
import type { ObjectTable, SnapshotPart } from '../ports/snapshot.store.js';
import type { AccountRecord, DirectoryObjectRecord, GroupRecord } from '../snapshot.model.js';
import { DnNormalizer } from './dn-normalizer.js';
import { ACCOUNT_FIELDS, GROUP_FIELDS, OBJECT_FIELDS, fingerprint, membersFingerprint } from './record-fields.js';

/** How a change record or a membership names an object of a snapshot. */
export interface ObjectLabel {
  table: ObjectTable;
  objectType: SyncedObjectType;
  dn: string;
  dnNorm: string;
  objectGuid: string | null;
  name: string | null;
}

/** The identity of an object for comparisons: its GUID / entryUUID, else its normalized DN. */
export function objectKey(objectGuid: string | null, dnNorm: string): string {
  return objectGuid ?? `dn:${dnNorm}`;
}

export function labelOfAccount(a: AccountRecord): ObjectLabel {
  return { table: 'account', objectType: a.kind, dn: a.dn, dnNorm: a.dnNorm, objectGuid: a.objectGuid, name: a.login };
}

export function labelOfGroup(g: GroupRecord): ObjectLabel {
  return { table: 'group', objectType: 'group', dn: g.dn, dnNorm: g.dnNorm, objectGuid: g.objectGuid, name: g.name };
}

export function labelOfObject(o: DirectoryObjectRecord): ObjectLabel {
  return { table: 'object', objectType: o.kind, dn: o.dn, dnNorm: o.dnNorm, objectGuid: o.objectGuid, name: o.name };
}

/**
 * Two entries of one directory that claim the same identity: the read cannot be trusted, and nothing of it is kept.
 * `origin` says where the entries came from (the LDIF file, the server's url).
 */
export class DuplicateObjectError extends VigieError {
  constructor(directory: string, what: string, first: string, second: string, origin?: string) {
    super(
      'invalid-input',
      `directory "${directory}"${origin ? ` read from ${origin}` : ''}: ${what} is carried by two entries, ${first} and ${second}. ` +
        "Check the export (two exports merged into one?) or the directory's replication",
    );
  }
}

/**
 * The entries of a read, mapped as they arrive: records with their fingerprints, each group's
 * member values normalized, every object labelled by identity. Work done here overlaps with the
 * server preparing the next page. Memberships are resolved once every entry is known (a memberUid
 * names an account by uid; a member may come before the entry it names).
 */
export class SnapshotBuilder {
  readonly accounts: AccountRecord[] = [];
  readonly groups: GroupRecord[] = [];
  readonly objects: DirectoryObjectRecord[] = [];
  /** Fingerprints of the records above, same order. */
  readonly accountFps: string[] = [];
  readonly groupFps: string[] = [];
  readonly objectFps: string[] = [];
  /** Every object read, by identity and by normalized DN. */
  readonly byKey = new Map<string, ObjectLabel>();
  readonly byDn = new Map<string, ObjectLabel>();
  entries = 0;
  skipped = 0;
  readonly dns = new DnNormalizer();
  /** Per group (same order as groups): normalized member DNs, and how many values were not DNs. */
  private readonly memberDns: string[][] = [];
  private readonly rawMemberUids: string[][] = [];
  private invalidMembers = 0;
  /** How far takeWritable has handed out each list; the groups it held back (they have memberUids). */
  private readonly taken = { accounts: 0, groups: 0, objects: 0 };
  private readonly heldBack: number[] = [];
  /** Groups handed out by takeWritable: their member list in memberDns is sorted, without duplicates. */
  private readonly deduplicated = new Set<number>();

  /** `origin`: where the entries come from, for messages (the LDIF file, the server's url). */
  constructor(
    readonly directory: string,
    private readonly origin?: string,
    private readonly mapOptions: MapOptions = {},
  ) {}

  add(entry: DirectoryEntry): void {
    this.entries++;
    const dnNorm = normalizeDn(entry.dn);
    const mapped = mapDirectoryEntry(this.directory, entry, dnNorm, this.mapOptions);
    switch (mapped.type) {
      case 'account':
        this.label(labelOfAccount(mapped.account));
        this.accounts.push(mapped.account);
        this.accountFps.push(fingerprint(mapped.account, ACCOUNT_FIELDS));
        break;
      case 'group': {
        this.label(labelOfGroup(mapped.group));
        this.groups.push(mapped.group);
        this.groupFps.push(fingerprint(mapped.group, GROUP_FIELDS));
        const members: string[] = [];
        for (const raw of mapped.members) {
          const norm = this.dns.normalize(raw);
          if (norm === null) this.invalidMembers++;
          else members.push(norm);
        }
        this.memberDns.push(members);
        this.rawMemberUids.push(mapped.memberUids);
        break;
      }
      case 'object':
        this.label(labelOfObject(mapped.object));
        this.objects.push(mapped.object);
        this.objectFps.push(fingerprint(mapped.object, OBJECT_FIELDS));
        break;
      default:
        this.skipped++;
    }
  }

  private label(label: ObjectLabel): void {
    const key = objectKey(label.objectGuid, label.dnNorm);
    const previous = this.byKey.get(key);
    if (previous) {
      throw new DuplicateObjectError(
        this.directory,
        label.objectGuid ? `objectGUID / entryUUID ${label.objectGuid}` : `the DN ${label.dn}`,
        previous.dn,
        label.dn,
        this.origin,
      );
    }
    this.byKey.set(key, label);
    this.byDn.set(label.dnNorm, label);
  }

  /**
   * Each group's direct members as normalized DNs, without duplicates; memberUid values become the
   * DN of the account with that uid. `knownDn` says whether a DN names an object (of this read or
   * already stored; default: of this read); `uidToDn` finds accounts by uid (lower-cased) beyond it.
   */
  resolveMembers(
    knownDn: (dnNorm: string) => boolean = (dn) => this.byDn.has(dn),
    uidToDn: (uid: string) => string | undefined = () => undefined,
  ): { members: Map<string, string[]>; unresolved: number } {
    const members = new Map<string, string[]>();
    let unresolved = this.invalidMembers;
    const uidResolver = this.uidResolver(uidToDn);
    this.groups.forEach((group, i) => {
      const r = this.resolveGroup(i, knownDn, uidResolver);
      unresolved += r.unresolved;
      members.set(group.dnNorm, r.members);
    });
    return { members, unresolved };
  }

  /** One group's members as resolveMembers gives them, and how many of its values name nothing known. */
  private resolveGroup(
    i: number,
    knownDn: (dnNorm: string) => boolean,
    uidToDn: (uid: string) => string | undefined,
  ): { members: string[]; unresolved: number } {
    let unresolved = 0;
    const dns = this.memberDns[i]!;
    const uids = this.rawMemberUids[i]!;
    // Kept even when unknown: a member in another domain or partition is still a member.
    for (const dn of dns) if (!knownDn(dn)) unresolved++;
    let list = dns.length > 1 && !this.deduplicated.has(i) ? [...new Set(dns)] : dns;
    if (uids.length) {
      const set = new Set(list);
      for (const uid of uids) {
        const dn = uidToDn(uid.toLowerCase());
        if (dn) set.add(dn);
        else unresolved++;
      }
      list = [...set];
    }
    return { members: list, unresolved };
  }

  /** Finds accounts by uid (lower-cased) among those read, then through `beyond`; the index is built at the first call. */
  private uidResolver(beyond: (uid: string) => string | undefined): (uid: string) => string | undefined {
    let byUid: Map<string, string> | undefined;
    return (uid) => {
      if (!byUid) {
        byUid = new Map();
        for (const a of this.accounts) if (a.login) byUid.set(a.login.toLowerCase(), a.dnNorm);
      }
      return byUid.get(uid) ?? beyond(uid);
    };
  }

  /**
   * The records added since the last call, for a first snapshot written while it is read. A group
   * goes with its members (sorted, without duplicates) unless it has memberUid values: a uid names
   * an account that may come later in the read, so such groups wait for finishWritable.
   */
  takeWritable(): SnapshotPart {
    const part: SnapshotPart = { accounts: [], groups: [], objects: [], members: [] };
    for (; this.taken.accounts < this.accounts.length; this.taken.accounts++) {
      const i = this.taken.accounts;
      part.accounts.push({ record: this.accounts[i]!, fingerprint: this.accountFps[i]! });
    }
    for (; this.taken.objects < this.objects.length; this.taken.objects++) {
      const i = this.taken.objects;
      part.objects.push({ record: this.objects[i]!, fingerprint: this.objectFps[i]! });
    }
    for (; this.taken.groups < this.groups.length; this.taken.groups++) {
      const i = this.taken.groups;
      if (this.rawMemberUids[i]!.length) {
        this.heldBack.push(i);
        continue;
      }
      // In place of the list as read: one array per group kept, not two.
      const members = sortedUnique(this.memberDns[i]!);
      this.memberDns[i] = members;
      this.deduplicated.add(i);
      this.addGroupTo(part, i, members);
    }
    return part;
  }

  /**
   * What takeWritable has not handed out, the held-back groups with their memberUids resolved, and
   * the snapshot's totals (member DNs that name no entry are counted once every entry is known).
   */
  finishWritable(): { part: SnapshotPart; totals: { memberships: number; unresolvedMembers: number } } {
    const part = this.takeWritable();
    const uidResolver = this.uidResolver(() => undefined);
    const knownDn = (dn: string) => this.byDn.has(dn);
    let memberships = 0;
    let unresolved = this.invalidMembers;
    const held = new Set(this.heldBack);
    for (let i = 0; i < this.groups.length; i++) {
      const r = this.resolveGroup(i, knownDn, uidResolver);
      memberships += r.members.length;
      unresolved += r.unresolved;
      if (held.has(i)) this.addGroupTo(part, i, r.members);
    }
    return { part, totals: { memberships, unresolvedMembers: unresolved } };
  }

  private addGroupTo(part: SnapshotPart, i: number, members: string[]): void {
    const group = this.groups[i]!;
    part.groups.push({ record: group, fingerprint: this.groupFps[i]!, membersFingerprint: membersFingerprint(members) });
    if (members.length) part.members.push({ groupDnNorm: group.dnNorm, memberDnNorms: members });
  }

  /** The member values of the groups read: normalized member DNs, and memberUid values as read. */
  memberValues(): { dns: string[][]; uids: string[][] } {
    return { dns: this.memberDns, uids: this.rawMemberUids };
  }

  /** Every object of the read by its key. */
  labels(): Map<string, ObjectLabel> {
    return this.byKey;
  }
}

/** The values sorted, each once. */
function sortedUnique(values: string[]): string[] {
  const sorted = [...values].sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  sorted.length = n;
  return sorted;
}

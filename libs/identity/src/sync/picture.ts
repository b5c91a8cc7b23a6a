import { type DirectoryEntry, normalizeDn } from '#vigie/directory';
import type { SyncedObjectType } from '../change.model.js';
import { mapDirectoryEntry } from '../entry-mapper.js';
import type { ObjectTable } from '../ports/snapshot.store.js';
import type { AccountRecord, DirectoryObjectRecord, GroupRecord } from '../snapshot.model.js';
import { DnNormalizer } from './dn-normalizer.js';

/** How a change record or a membership names an object of a picture. */
export interface ObjectLabel {
  table: ObjectTable;
  objectType: SyncedObjectType;
  dn: string;
  dnNorm: string;
  objectGuid: string | null;
  name: string | null;
}

/** The identity of an object for comparisons: its GUID / entryUUID, else its normalised DN. */
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

/** Two entries of one directory that claim the same identity: the read cannot be trusted. */
export class DuplicateObjectError extends Error {
  constructor(directory: string, what: string, first: string, second: string) {
    super(`directory "${directory}": ${what} is carried by two entries, ${first} and ${second}. Check the export or the directory's replication`);
    this.name = 'DuplicateObjectError';
  }
}

/**
 * The entries of a read, mapped: records and the raw member values of each group, resolved to
 * memberships once every entry is known (a memberUid names an account by uid; a member may come
 * before the entry it names).
 */
export class PictureBuilder {
  readonly accounts: AccountRecord[] = [];
  readonly groups: GroupRecord[] = [];
  readonly objects: DirectoryObjectRecord[] = [];
  entries = 0;
  skipped = 0;
  readonly dns = new DnNormalizer();
  private readonly rawMembers: string[][] = [];
  private readonly rawMemberUids: string[][] = [];

  constructor(readonly directory: string) {}

  add(entry: DirectoryEntry): void {
    this.entries++;
    const dnNorm = normalizeDn(entry.dn);
    this.dns.remember(entry.dn, dnNorm);
    const mapped = mapDirectoryEntry(this.directory, entry, dnNorm);
    switch (mapped.type) {
      case 'account':
        this.accounts.push(mapped.account);
        break;
      case 'group':
        this.groups.push(mapped.group);
        this.rawMembers.push(mapped.members);
        this.rawMemberUids.push(mapped.memberUids);
        break;
      case 'object':
        this.objects.push(mapped.object);
        break;
      default:
        this.skipped++;
    }
  }

  /**
   * Each group's direct members as normalised DNs, without duplicates; memberUid values become the
   * DN of the account with that uid. `knownDn` says whether a DN names an object (of this read or
   * already stored); `uidToDn` finds accounts by uid (lower-cased) beyond this read.
   */
  resolveMembers(
    knownDn: (dnNorm: string) => boolean,
    uidToDn: (uid: string) => string | undefined = () => undefined,
  ): { members: Map<string, string[]>; unresolved: number } {
    const byUid = new Map<string, string>();
    for (const a of this.accounts) if (a.login) byUid.set(a.login.toLowerCase(), a.dnNorm);
    const members = new Map<string, string[]>();
    let unresolved = 0;
    this.groups.forEach((group, i) => {
      const set = new Set<string>();
      for (const raw of this.rawMembers[i]!) {
        const norm = this.dns.normalize(raw);
        if (norm === null) {
          unresolved++;
          continue;
        }
        // Kept even when unknown: a member in another domain or partition is still a member.
        if (!knownDn(norm)) unresolved++;
        set.add(norm);
      }
      for (const uid of this.rawMemberUids[i]!) {
        const dn = byUid.get(uid.toLowerCase()) ?? uidToDn(uid.toLowerCase());
        if (dn) set.add(dn);
        else unresolved++;
      }
      members.set(group.dnNorm, [...set]);
    });
    return { members, unresolved };
  }

  /** Every object of the read by its key; throws DuplicateObjectError when two entries share a GUID. */
  labels(): Map<string, ObjectLabel> {
    const byKey = new Map<string, ObjectLabel>();
    const put = (label: ObjectLabel) => {
      const key = objectKey(label.objectGuid, label.dnNorm);
      const previous = byKey.get(key);
      if (previous) {
        throw new DuplicateObjectError(this.directory, label.objectGuid ? `objectGUID / entryUUID ${label.objectGuid}` : `the DN ${label.dn}`, previous.dn, label.dn);
      }
      byKey.set(key, label);
    };
    for (const a of this.accounts) put(labelOfAccount(a));
    for (const g of this.groups) put(labelOfGroup(g));
    for (const o of this.objects) put(labelOfObject(o));
    return byKey;
  }
}

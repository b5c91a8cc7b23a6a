import type { AttributeValue, DirectoryEntry } from '#vigie/directory';
import type { SnapshotPart } from '../ports/snapshot.store.js';
import { SnapshotBuilder } from './snapshot-builder.js';
import { membersFingerprint } from './record-fields.js';

const person = (uid: string, uuid: string): DirectoryEntry => ({
  dn: `uid=${uid},ou=people,dc=acme,dc=test`,
  attributes: { objectclass: ['inetOrgPerson', 'posixAccount'], uid: [uid], cn: [uid], entryuuid: [uuid] },
});
const group = (cn: string, uuid: string, values: Record<string, AttributeValue[]>): DirectoryEntry => ({
  dn: `cn=${cn},ou=groups,dc=acme,dc=test`,
  attributes: { objectclass: ['groupOfNames'], cn: [cn], entryuuid: [uuid], ...values },
});
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const dnOf = (uid: string) => `uid=${uid},ou=people,dc=acme,dc=test`;

/** Every part's rows, in the order handed out. */
function flatten(parts: SnapshotPart[]) {
  return {
    accounts: parts.flatMap((p) => p.accounts.map((a) => a.record.login)),
    groups: parts.flatMap((p) => p.groups.map((g) => g.record.name)),
    members: new Map(parts.flatMap((p) => p.members.map((m) => [m.groupDnNorm, m.memberDnNorms] as const))),
    membersFps: new Map(parts.flatMap((p) => p.groups.map((g) => [g.record.dnNorm, g.membersFingerprint] as const))),
  };
}

describe('SnapshotBuilder: a first snapshot handed out while it is read', () => {
  it('hands out each record once, groups with their members sorted and without duplicates, and the same totals as resolveMembers', () => {
    const storedSnapshot = new SnapshotBuilder('corp');
    const parts: SnapshotPart[] = [];
    storedSnapshot.add(person('alice', uuid(1)));
    // A member that comes later in the read, a duplicate in another case, and a value that is not a DN.
    storedSnapshot.add(group('staff', uuid(10), { member: [dnOf('bob'), dnOf('alice'), 'UID=Alice,OU=People,DC=acme,DC=test', 'not a dn'] }));
    parts.push(storedSnapshot.takeWritable());
    expect(parts[0]!.accounts).toHaveLength(1);
    expect(parts[0]!.members).toEqual([{ groupDnNorm: 'cn=staff,ou=groups,dc=acme,dc=test', memberDnNorms: [dnOf('alice'), dnOf('bob')] }]);
    // Nothing new: an empty part.
    expect(storedSnapshot.takeWritable()).toEqual({ accounts: [], groups: [], objects: [], members: [] });

    // A posixGroup's memberUid names an account by uid, maybe one not read yet: it waits for the end.
    storedSnapshot.add({
      dn: 'cn=devs,ou=groups,dc=acme,dc=test',
      attributes: { objectclass: ['posixGroup'], cn: ['devs'], gidnumber: ['500'], memberuid: ['Bob', 'ghost'], entryuuid: [uuid(11)] },
    });
    storedSnapshot.add(group('outsiders', uuid(12), { member: ['cn=x,dc=elsewhere,dc=test'] }));
    parts.push(storedSnapshot.takeWritable());
    expect(parts[1]!.groups.map((g) => g.record.name)).toEqual(['outsiders']);
    storedSnapshot.add(person('bob', uuid(2)));
    const { part, totals } = storedSnapshot.finishWritable();
    parts.push(part);

    const all = flatten(parts);
    expect(all.accounts).toEqual(['alice', 'bob']);
    expect(all.groups.sort()).toEqual(['devs', 'outsiders', 'staff']);
    expect(all.members.get('cn=devs,ou=groups,dc=acme,dc=test')).toEqual([dnOf('bob')]);

    // What the end-of-read comparison (diffFull) computes for the same entries.
    const { members, unresolved } = storedSnapshot.resolveMembers();
    expect(totals.unresolvedMembers).toBe(unresolved);
    // 'not a dn', the foreign member, and the uid 'ghost'.
    expect(unresolved).toBe(3);
    expect(totals.memberships).toBe([...members.values()].reduce((n, list) => n + list.length, 0));
    for (const [dn, list] of members) {
      expect([...(all.members.get(dn) ?? [])].sort()).toEqual([...list].sort());
      expect(all.membersFps.get(dn)).toBe(membersFingerprint(list));
    }
  });
});

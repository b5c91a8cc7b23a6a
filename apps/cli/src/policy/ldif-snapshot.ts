import { basename, extname } from 'node:path';
import { LdifEntryReader, normalizeDn } from '#vigie/directory';
import { type AccountRecord, type DirectorySnapshot, type GroupRecord, mapEntry, type MembershipRecord } from '#vigie/identity';

/**
 * The picture of a directory read straight from an LDIF export, with no database: entries mapped as a sync maps
 * them, memberships by DN (member, uniqueMember) and by login (memberUid). For offline what-ifs.
 */
export async function snapshotFromLdif(file: string, name = directoryNameOf(file)): Promise<DirectorySnapshot> {
  const accounts: AccountRecord[] = [];
  const groups: GroupRecord[] = [];
  const members: Array<{ group: string; member: string }> = [];
  const uids: Array<{ group: string; uid: string }> = [];
  for await (const entry of new LdifEntryReader().read({ kind: 'ldif', name, file })) {
    const mapped = mapEntry(name, entry);
    if (mapped.type === 'account') accounts.push(mapped.account);
    if (mapped.type !== 'group') continue;
    groups.push(mapped.group);
    for (const member of mapped.members) members.push({ group: mapped.group.dnNorm, member });
    for (const uid of mapped.memberUids) uids.push({ group: mapped.group.dnNorm, uid });
  }
  const byLogin = new Map(accounts.filter((a) => a.login).map((a) => [a.login!.toLowerCase(), a.dnNorm]));
  const seen = new Set<string>();
  const memberships: MembershipRecord[] = [];
  const add = (groupDnNorm: string, memberDnNorm: string) => {
    const key = `${groupDnNorm}\u0000${memberDnNorm}`;
    if (seen.has(key)) return;
    seen.add(key);
    memberships.push({ groupDnNorm, memberDnNorm });
  };
  for (const { group, member } of members) {
    const dn = tryNormalize(member);
    if (dn) add(group, dn);
  }
  for (const { group, uid } of uids) {
    const dn = byLogin.get(uid.toLowerCase());
    if (dn) add(group, dn);
  }
  return { directory: name, syncRunId: null, syncedAt: null, accounts, groups, memberships };
}

/** `exports/corp-ad.ldif` -> `corp-ad`: the file name in the form directory names take. */
function directoryNameOf(file: string): string {
  const stem = basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return stem || 'ldif';
}

function tryNormalize(dn: string): string | undefined {
  try {
    return normalizeDn(dn);
  } catch {
    return undefined;
  }
}

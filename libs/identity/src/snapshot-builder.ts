import { type DirectoryEntry, normalizeDn } from '#vigie/directory';
import { mapEntry } from './entry-mapper.js';
import type { AccountRecord, GroupRecord, MembershipRecord, SnapshotData } from './snapshot.model.js';
import type { SyncStats } from './sync-run.model.js';

/**
 * Reads a directory's entries into the synchronised model: used by the sync (which stores it) and by
 * the offline audit of an LDIF export (which does not).
 */
export async function collectSnapshot(
  directory: string,
  entries: AsyncIterable<DirectoryEntry>,
  onProgress?: (p: { entries: number }) => void,
): Promise<{ data: SnapshotData; stats: SyncStats }> {
  const stats: SyncStats = { entries: 0, accounts: 0, groups: 0, memberships: 0, unresolvedMembers: 0, skipped: 0 };
  const accounts: AccountRecord[] = [];
  const groups: GroupRecord[] = [];
  const rawMembers: Array<{ group: string; member: string }> = [];
  const rawMemberUids: Array<{ group: string; uid: string }> = [];
  for await (const entry of entries) {
    stats.entries++;
    if (onProgress && stats.entries % 1000 === 0) onProgress({ entries: stats.entries });
    const mapped = mapEntry(directory, entry);
    if (mapped.type === 'account') accounts.push(mapped.account);
    else if (mapped.type === 'group') {
      groups.push(mapped.group);
      for (const m of mapped.members) rawMembers.push({ group: mapped.group.dnNorm, member: m });
      for (const uid of mapped.memberUids) rawMemberUids.push({ group: mapped.group.dnNorm, uid });
    } else stats.skipped++;
  }
  onProgress?.({ entries: stats.entries });
  const memberships = resolveMemberships(accounts, groups, rawMembers, rawMemberUids, stats);
  stats.accounts = accounts.length;
  stats.groups = groups.length;
  stats.memberships = memberships.length;
  return { data: { accounts, groups, memberships }, stats };
}

function resolveMemberships(
  accounts: AccountRecord[],
  groups: GroupRecord[],
  rawMembers: Array<{ group: string; member: string }>,
  rawMemberUids: Array<{ group: string; uid: string }>,
  stats: SyncStats,
): MembershipRecord[] {
  const known = new Set<string>([...accounts.map((a) => a.dnNorm), ...groups.map((g) => g.dnNorm)]);
  const byUid = new Map<string, string>();
  for (const a of accounts) if (a.login) byUid.set(a.login.toLowerCase(), a.dnNorm);
  const seen = new Set<string>();
  const out: MembershipRecord[] = [];
  const add = (groupDnNorm: string, memberDnNorm: string) => {
    const key = `${groupDnNorm}\u0000${memberDnNorm}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ groupDnNorm, memberDnNorm });
  };
  for (const { group, member } of rawMembers) {
    let norm: string;
    try {
      norm = normalizeDn(member);
    } catch {
      stats.unresolvedMembers++;
      continue;
    }
    // Kept even when unknown: a member in another domain or partition is still a member.
    if (!known.has(norm)) stats.unresolvedMembers++;
    add(group, norm);
  }
  for (const { group, uid } of rawMemberUids) {
    const dn = byUid.get(uid.toLowerCase());
    if (dn) add(group, dn);
    else stats.unresolvedMembers++;
  }
  return out;
}

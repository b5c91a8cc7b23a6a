import type { GroupRecord } from '#vigie/identity';

/**
 * Privileged AD groups, by well-known SID or domain RID (rule catalogue, "Privileged groups"):
 * matched by SID so that renamed or translated groups (Admins du domaine) are still recognised.
 */
const BUILTIN_SIDS = new Set(['S-1-5-32-544', 'S-1-5-32-548', 'S-1-5-32-549', 'S-1-5-32-550', 'S-1-5-32-551']);
const DOMAIN_RIDS = new Set([512, 518, 519, 520, 526, 527]);

export function isBuiltinPrivileged(group: GroupRecord): boolean {
  const sid = group.objectSid?.toUpperCase();
  if (!sid) return false;
  if (BUILTIN_SIDS.has(sid)) return true;
  return sid.startsWith('S-1-5-21-') && DOMAIN_RIDS.has(Number(sid.slice(sid.lastIndexOf('-') + 1)));
}

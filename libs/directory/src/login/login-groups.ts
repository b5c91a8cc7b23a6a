import { sidFromString, sidToString } from '../ad/ad-decoders.js';
import { type DirectoryEntry, firstBuffer, firstString } from '../directory-entry.js';
import { normalizeDn } from '../dn.js';
import { adGroupBySidFilter, adNestedGroupsFilter, openLdapGroupsFilter } from './login-filters.js';
import type { LoginSession } from './login-session.js';

/** Nesting deeper than this is a loop the visited set missed or a directory nobody can govern: stop there. */
export const MAX_NESTING_DEPTH = 32;
/** A bound on the groups followed, so that one sign-in cannot read a whole directory. */
export const MAX_GROUPS = 10_000;
// DNs per OpenLDAP search when following nesting: one filter term each for member and uniqueMember.
const DN_BATCH = 50;

/** The attributes groupsOf reads from the account entry. */
export const GROUP_ATTRIBUTES: Readonly<Record<'ldap' | 'ad', readonly string[]>> = {
  ad: ['objectSid', 'primaryGroupID'],
  ldap: ['uid'],
};

/**
 * Every group the account is a member of, nesting followed, as normalised DNs (normalizeDn), sorted. AD: the server
 * follows nesting (LDAP_MATCHING_RULE_IN_CHAIN) from the account and from its primary group, which AD never lists in
 * `member`, searched from the domain's root since groups live outside the sign-in base. OpenLDAP: groupOfNames and
 * groupOfUniqueNames holding the DN, posixGroups holding the uid, then the groups holding those, level by level.
 */
export function groupsOf(session: LoginSession, account: DirectoryEntry): Promise<string[]> {
  return session.source.kind === 'ad' ? adGroups(session, account) : openLdapGroups(session, account);
}

async function adGroups(session: LoginSession, account: DirectoryEntry): Promise<string[]> {
  const root = await domainRoot(session);
  const primary = await adPrimaryGroup(session, root, account);
  const found = new Map<string, string>();
  if (primary) found.set(normalizeDn(primary), primary);
  const members = primary ? [account.dn, primary] : [account.dn];
  for await (const batch of session.pages({ base: root, scope: 'sub', filter: adNestedGroupsFilter(members), attributes: ['1.1'] })) {
    for (const entry of batch) if (found.size < MAX_GROUPS) found.set(normalizeDn(entry.dn), entry.dn);
  }
  return [...found.keys()].sort();
}

/** The group whose SID is the account's domain SID with primaryGroupID as its RID (Domain Users, 513, mostly). */
async function adPrimaryGroup(session: LoginSession, root: string, account: DirectoryEntry): Promise<string | undefined> {
  const sid = firstBuffer(account, 'objectSid');
  const rid = firstString(account, 'primaryGroupID');
  if (!sid || !rid || !/^\d+$/.test(rid)) return undefined;
  const domainSid = sidToString(sid).replace(/-\d+$/, '');
  const { entries } = await session.search({ base: root, scope: 'sub', filter: adGroupBySidFilter(sidFromString(`${domainSid}-${rid}`)), attributes: ['1.1'] });
  return entries[0]?.entry.dn;
}

/** The domain's naming context (groups such as Domain Users sit in CN=Users, outside an OU used as base DN). */
async function domainRoot(session: LoginSession): Promise<string> {
  const { entries } = await session.search({ base: '', scope: 'base', filter: '(objectClass=*)', attributes: ['defaultNamingContext'] });
  const naming = entries[0]?.entry.attributes.defaultnamingcontext?.[0];
  return typeof naming === 'string' && naming ? naming : session.source.baseDn;
}

async function openLdapGroups(session: LoginSession, account: DirectoryEntry): Promise<string[]> {
  const visited = new Set<string>([normalizeDn(account.dn)]);
  const groups: string[] = [];
  let frontier = [account.dn];
  // posixGroup lists logins (memberUid), not DNs, and does not nest: asked of the account only.
  let uid = firstString(account, 'uid');
  for (let depth = 0; frontier.length && depth < MAX_NESTING_DEPTH && groups.length < MAX_GROUPS; depth++) {
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i += DN_BATCH) {
      const filter = openLdapGroupsFilter(frontier.slice(i, i + DN_BATCH), uid);
      uid = undefined;
      for await (const batch of session.pages({ base: session.source.baseDn, scope: 'sub', filter, attributes: ['1.1'] })) {
        for (const entry of batch) {
          const key = normalizeDn(entry.dn);
          if (visited.has(key) || groups.length >= MAX_GROUPS) continue;
          visited.add(key);
          groups.push(key);
          next.push(entry.dn);
        }
      }
    }
    frontier = next;
  }
  return groups.sort();
}

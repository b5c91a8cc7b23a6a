import { normalizeDn } from '#vigie/directory';
import type { AccountRecord, DirectorySnapshot, GroupRecord, MembershipRecord } from '#vigie/identity';
import type { DirectoryFragment } from '#vigie/policy';

// The fragment's own AD-like domain: every group and account gets a SID in it, so that primary groups and well-known
// RIDs (512 Domain Admins...) work as in AD. Generated RIDs start far above the well-known ones.
const DOMAIN_SID = 'S-1-5-21-0-0-0';
const FIRST_GROUP_RID = 10_000;
const FIRST_ACCOUNT_RID = 20_000;
const BASE_DN = 'DC=test,DC=vigie';

/**
 * The synchronised snapshot of a directory fragment written in a policy test: groups named in memberOf or primaryGroup
 * exist without being declared; DNs and SIDs are made up unless given.
 */
export function fragmentSnapshot(fragment: DirectoryFragment): DirectorySnapshot {
  const directory = fragment.name;
  const groups = new Map<string, GroupRecord>();
  let nextRid = FIRST_GROUP_RID;
  const declare = (name: string, over: { dn?: string; rid?: number; sid?: string } = {}): GroupRecord => {
    const known = groups.get(name.toLowerCase());
    if (known) return known;
    const dn = over.dn ?? `CN=${escapeRdn(name)},OU=Groups,${BASE_DN}`;
    const group: GroupRecord = {
      directory,
      dn,
      dnNorm: normalizeDn(dn),
      objectGuid: null,
      name,
      objectSid: over.sid ?? `${DOMAIN_SID}-${over.rid ?? nextRid++}`,
      gidNumber: null,
      groupType: null,
      scope: null,
      security: null,
      description: null,
      mail: null,
      managedBy: null,
      adminCount: null,
      whenCreated: null,
      whenChanged: null,
    };
    groups.set(name.toLowerCase(), group);
    return group;
  };
  for (const group of fragment.groups) declare(group.name, group);
  const memberships: MembershipRecord[] = [];
  for (const group of fragment.groups) {
    for (const parent of group.memberOf) memberships.push({ groupDnNorm: declare(parent).dnNorm, memberDnNorm: declare(group.name).dnNorm });
  }
  const accounts = fragment.accounts.map((account, index): AccountRecord => {
    const dn = `CN=${escapeRdn(account.login)},OU=People,${BASE_DN}`;
    const primary = account.primaryGroup ? declare(account.primaryGroup) : undefined;
    const record: AccountRecord = {
      directory,
      dn,
      dnNorm: normalizeDn(dn),
      objectGuid: null,
      kind: 'user',
      login: account.login,
      displayName: account.login,
      mail: account.mail ?? null,
      employeeId: account.employeeId ?? null,
      department: account.department ?? null,
      title: account.title ?? null,
      employeeType: account.employeeType ?? null,
      location: account.location ?? null,
      managerDn: account.manager ?? null,
      enabled: account.enabled,
      userAccountControl: account.userAccountControl ?? null,
      pwdLastSet: date(account.pwdLastSet),
      lastLogon: date(account.lastLogon),
      whenCreated: date(account.whenCreated),
      accountExpires: date(account.accountExpires),
      passwordPolicyDn: null,
      pwdStartTime: null,
      pwdEndTime: null,
      lockedOutAt: null,
      badPasswordCount: null,
      lastBadPassword: null,
      description: account.description ?? null,
      objectSid: `${DOMAIN_SID}-${FIRST_ACCOUNT_RID + index}`,
      primaryGroupId: primary ? Number(primary.objectSid!.slice(primary.objectSid!.lastIndexOf('-') + 1)) : null,
      whenChanged: null,
      adminCount: null,
      servicePrincipalNames: [],
      sidHistory: [],
      supportedEncryptionTypes: null,
      lapsPasswordExpires: null,
      operatingSystem: null,
      operatingSystemVersion: null,
      dnsHostName: null,
    };
    for (const name of account.memberOf) memberships.push({ groupDnNorm: declare(name).dnNorm, memberDnNorm: record.dnNorm });
    return record;
  });
  return { directory, syncRunId: null, syncedAt: null, accounts, groups: [...groups.values()], memberships, objects: [] };
}

const date = (text: string | undefined) => (text === undefined ? null : new Date(text));
const escapeRdn = (value: string) => value.replace(/([,+"\\<>;=])/g, '\\$1');

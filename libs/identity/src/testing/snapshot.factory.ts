import { normalizeDn } from '#vigie/directory';
import type { AccountRecord, DirectoryObjectKind, DirectoryObjectRecord, DirectorySnapshot, GroupRecord } from '../snapshot.model.js';

/** Test data builders for the synchronised model: specs say what matters and take defaults for the rest. */
export function anAccount(login: string, over: Partial<AccountRecord> = {}): AccountRecord {
  const dn = over.dn ?? `CN=${login},OU=People,DC=acme,DC=test`;
  return {
    directory: 'corp',
    dn,
    dnNorm: normalizeDn(dn),
    objectGuid: null,
    kind: 'user',
    login,
    displayName: login,
    mail: null,
    employeeId: null,
    department: null,
    title: null,
    employeeType: null,
    location: null,
    managerDn: null,
    enabled: true,
    userAccountControl: 512,
    pwdLastSet: null,
    lastLogon: null,
    whenCreated: null,
    whenChanged: null,
    accountExpires: null,
    passwordPolicyDn: null,
    pwdStartTime: null,
    pwdEndTime: null,
    lockedOutAt: null,
    badPasswordCount: null,
    lastBadPassword: null,
    description: null,
    objectSid: null,
    primaryGroupId: null,
    adminCount: null,
    servicePrincipalNames: [],
    sidHistory: [],
    supportedEncryptionTypes: null,
    lapsPasswordExpires: null,
    operatingSystem: null,
    operatingSystemVersion: null,
    dnsHostName: null,
    ...over,
  };
}

export function aGroup(name: string, over: Partial<GroupRecord> = {}): GroupRecord {
  const dn = over.dn ?? `CN=${name},OU=Groups,DC=acme,DC=test`;
  return {
    directory: 'corp',
    dn,
    dnNorm: normalizeDn(dn),
    objectGuid: null,
    name,
    objectSid: null,
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
    ...over,
  };
}

export function anObject(kind: DirectoryObjectKind, name: string, over: Partial<DirectoryObjectRecord> = {}): DirectoryObjectRecord {
  const dn = over.dn ?? (kind === 'organizational-unit' ? `OU=${name},DC=acme,DC=test` : `CN=${name},OU=Resources,DC=acme,DC=test`);
  return {
    directory: 'corp',
    dn,
    dnNorm: normalizeDn(dn),
    objectGuid: null,
    kind,
    name,
    description: null,
    objectSid: null,
    uncName: null,
    serverName: null,
    location: null,
    managedBy: null,
    pwdMaxAge: kind === 'password-policy' ? 0 : null,
    whenCreated: null,
    whenChanged: null,
    ...over,
  };
}

/** A snapshot from accounts, groups and `[member, group]` pairs given by login or group name. */
export function aSnapshot(
  accounts: AccountRecord[],
  groups: GroupRecord[],
  links: Array<[string, string]> = [],
  objects: DirectoryObjectRecord[] = [],
): DirectorySnapshot {
  const byName = new Map<string, string>([...accounts.map((a) => [a.login!, a.dnNorm] as const), ...groups.map((g) => [g.name, g.dnNorm] as const)]);
  const dnOf = (n: string) => {
    const dn = byName.get(n);
    if (!dn) throw new Error(`aSnapshot: unknown member or group "${n}"`);
    return dn;
  };
  return {
    directory: 'corp',
    syncRunId: null,
    syncedAt: null,
    accounts,
    groups,
    objects,
    memberships: links.map(([member, group]) => ({ memberDnNorm: dnOf(member), groupDnNorm: dnOf(group) })),
  };
}

import {
  type DirectoryEntry,
  UserAccountControl,
  attributeValues,
  filetimeToDate,
  firstBuffer,
  firstString,
  generalizedTimeToDate,
  groupTypeOf,
  guidToString,
  hasFlag,
  normalizeDn,
  rdnValue,
  sidToString,
  stringValues,
} from '#vigie/directory';
import type { AccountKind, AccountRecord, DirectoryObjectKind, DirectoryObjectRecord, GroupRecord } from './snapshot.model.js';

export type MappedEntry =
  | { type: 'account'; account: AccountRecord; memberOf: string[] }
  | { type: 'group'; group: GroupRecord; members: string[]; memberUids: string[] }
  | { type: 'other' };

/** mapDirectoryEntry's result: mapEntry's, plus the OUs, printers, shares and foreign principals. */
export type MappedDirectoryEntry = Exclude<MappedEntry, { type: 'other' }> | { type: 'object'; object: DirectoryObjectRecord } | { type: 'other' };

const GROUP_CLASSES = ['group', 'groupofnames', 'groupofuniquenames', 'posixgroup'];
const PERSON_CLASSES = ['user', 'person', 'inetorgperson', 'posixaccount', 'organizationalperson'];
const OBJECT_CLASSES: Array<[string, DirectoryObjectKind]> = [
  ['printqueue', 'printer'],
  ['volume', 'share'],
  ['foreignsecurityprincipal', 'foreign-principal'],
  ['organizationalunit', 'organizational-unit'],
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Turns one directory entry into the synchronised model: every object kind the audit needs
 * (accounts, groups, OUs, printers, shares, foreign security principals). Contacts and anything
 * else come out as 'other'.
 */
export function mapDirectoryEntry(directory: string, entry: DirectoryEntry, dnNorm?: string): MappedDirectoryEntry {
  const classes = objectClasses(entry);
  // A group or an account is never one of the other kinds, whatever auxiliary classes it carries.
  if (!GROUP_CLASSES.some((c) => classes.has(c)) && !PERSON_CLASSES.some((c) => classes.has(c))) {
    const kind = OBJECT_CLASSES.find(([c]) => classes.has(c))?.[1];
    if (kind) return { type: 'object', object: mapObject(directory, entry, kind, dnNorm ?? normalizeDn(entry.dn)) };
  }
  return mapPrincipal(directory, entry, classes, dnNorm);
}

/** Turns one directory entry, AD or OpenLDAP flavoured, into an account or a group; anything else is 'other'. */
export function mapEntry(directory: string, entry: DirectoryEntry): MappedEntry {
  return mapPrincipal(directory, entry, objectClasses(entry));
}

function objectClasses(entry: DirectoryEntry): Set<string> {
  return new Set(stringValues(entry, 'objectClass').map((c) => c.toLowerCase()));
}

function mapPrincipal(directory: string, entry: DirectoryEntry, classes: Set<string>, knownDnNorm?: string): MappedEntry {
  const dnNorm = knownDnNorm ?? normalizeDn(entry.dn);
  if (GROUP_CLASSES.some((c) => classes.has(c))) {
    const groupType = int(firstString(entry, 'groupType'));
    const kind = groupType === null ? null : groupKind(groupType);
    return {
      type: 'group',
      group: {
        directory,
        dn: entry.dn,
        dnNorm,
        objectGuid: guid(entry),
        name: firstString(entry, 'sAMAccountName') ?? firstString(entry, 'cn') ?? rdnValue(entry.dn),
        objectSid: sid(entry),
        gidNumber: int(firstString(entry, 'gidNumber')),
        groupType,
        scope: kind?.scope ?? null,
        security: kind?.security ?? null,
        description: firstString(entry, 'description') ?? null,
        mail: firstString(entry, 'mail') ?? null,
        managedBy: firstString(entry, 'managedBy') ?? null,
        adminCount: int(firstString(entry, 'adminCount')),
        whenCreated: genTime(entry, 'whenCreated') ?? genTime(entry, 'createTimestamp'),
        whenChanged: genTime(entry, 'whenChanged') ?? genTime(entry, 'modifyTimestamp'),
      },
      // uniqueMember may carry an optional "#'0101'B" unique identifier after the DN (RFC 4517 nameAndOptionalUID).
      members: [...stringValues(entry, 'member'), ...stringValues(entry, 'uniqueMember').map((v) => v.replace(/#'[01]*'B$/, ''))],
      memberUids: stringValues(entry, 'memberUid'),
    };
  }
  // AD contacts are persons without an account: nothing can sign in with them.
  if (classes.has('contact') || !PERSON_CLASSES.some((c) => classes.has(c))) return { type: 'other' };
  const kind: AccountKind = classes.has('computer') ? 'computer' : 'user';
  const uac = int(firstString(entry, 'userAccountControl'));
  return {
    type: 'account',
    memberOf: stringValues(entry, 'memberOf'),
    account: {
      directory,
      dn: entry.dn,
      dnNorm,
      objectGuid: guid(entry),
      kind,
      login: firstString(entry, 'sAMAccountName') ?? firstString(entry, 'uid') ?? null,
      displayName: firstString(entry, 'displayName') ?? firstString(entry, 'cn') ?? null,
      mail: firstString(entry, 'mail') ?? null,
      employeeId: firstString(entry, 'employeeID') ?? firstString(entry, 'employeeNumber') ?? null,
      department: firstString(entry, 'department') ?? firstString(entry, 'departmentNumber') ?? firstString(entry, 'ou') ?? null,
      title: firstString(entry, 'title') ?? null,
      employeeType: firstString(entry, 'employeeType') ?? null,
      location: firstString(entry, 'l') ?? firstString(entry, 'physicalDeliveryOfficeName') ?? null,
      managerDn: firstString(entry, 'manager') ?? null,
      enabled: uac !== null ? !hasFlag(uac, UserAccountControl.ACCOUNTDISABLE) : !firstString(entry, 'pwdAccountLockedTime'),
      userAccountControl: uac,
      pwdLastSet: filetime(entry, 'pwdLastSet') ?? genTime(entry, 'pwdChangedTime'),
      lastLogon: filetime(entry, 'lastLogonTimestamp') ?? latest(genTime(entry, 'pwdLastSuccess'), genTime(entry, 'authTimestamp')),
      whenCreated: genTime(entry, 'whenCreated') ?? genTime(entry, 'createTimestamp'),
      whenChanged: genTime(entry, 'whenChanged') ?? genTime(entry, 'modifyTimestamp'),
      accountExpires: filetime(entry, 'accountExpires'),
      description: [...stringValues(entry, 'description'), ...stringValues(entry, 'info')].join('\n') || null,
      objectSid: sid(entry),
      primaryGroupId: int(firstString(entry, 'primaryGroupID')),
      adminCount: int(firstString(entry, 'adminCount')),
      servicePrincipalNames: stringValues(entry, 'servicePrincipalName'),
      sidHistory: sids(entry, 'sIDHistory'),
      supportedEncryptionTypes: int(firstString(entry, 'msDS-SupportedEncryptionTypes')),
      lapsPasswordExpires: filetime(entry, 'msLAPS-PasswordExpirationTime') ?? filetime(entry, 'ms-Mcs-AdmPwdExpirationTime'),
      operatingSystem: firstString(entry, 'operatingSystem') ?? null,
      operatingSystemVersion: firstString(entry, 'operatingSystemVersion') ?? null,
      dnsHostName: firstString(entry, 'dNSHostName') ?? null,
    },
  };
}

function mapObject(directory: string, entry: DirectoryEntry, kind: DirectoryObjectKind, dnNorm: string): DirectoryObjectRecord {
  const rdn = rdnValue(entry.dn);
  const objectSid = sid(entry) ?? (kind === 'foreign-principal' && /^S-\d+-\d+(-\d+)*$/i.test(rdn) ? rdn.toUpperCase() : null);
  const name =
    kind === 'organizational-unit' ? (firstString(entry, 'ou') ?? rdn)
    : kind === 'printer' ? (firstString(entry, 'printerName') ?? firstString(entry, 'cn') ?? rdn)
    : (firstString(entry, 'cn') ?? rdn);
  return {
    directory,
    dn: entry.dn,
    dnNorm,
    objectGuid: guid(entry),
    kind,
    name,
    description: stringValues(entry, 'description').join('\n') || null,
    objectSid,
    uncName: firstString(entry, 'uNCName') ?? null,
    serverName: firstString(entry, 'serverName') ?? firstString(entry, 'shortServerName') ?? null,
    location: firstString(entry, 'location') ?? firstString(entry, 'l') ?? null,
    managedBy: firstString(entry, 'managedBy') ?? null,
    whenCreated: genTime(entry, 'whenCreated') ?? genTime(entry, 'createTimestamp'),
    whenChanged: genTime(entry, 'whenChanged') ?? genTime(entry, 'modifyTimestamp'),
  };
}

/** objectGUID (binary, AD) or entryUUID (text, OpenLDAP), as lower-case text; null when absent or malformed. */
export function guid(entry: DirectoryEntry): string | null {
  const [raw] = attributeValues(entry, 'objectGUID');
  if (raw !== undefined) {
    if (typeof raw !== 'string' && raw.length === 16) return guidToString(raw);
    const text = (typeof raw === 'string' ? raw : raw.toString('utf8')).replace(/^\{|\}$/g, '').toLowerCase();
    if (UUID.test(text)) return text;
  }
  const uuid = firstString(entry, 'entryUUID')?.toLowerCase();
  return uuid && UUID.test(uuid) ? uuid : null;
}

function groupKind(groupType: number): { security: boolean; scope: GroupRecord['scope'] } | null {
  try {
    return groupTypeOf(groupType);
  } catch {
    return null;
  }
}

function sid(entry: DirectoryEntry): string | null {
  const raw = firstBuffer(entry, 'objectSid');
  if (!raw || raw.length < 8) return null;
  try {
    return sidToString(raw);
  } catch {
    return null;
  }
}

function sids(entry: DirectoryEntry, name: string): string[] {
  const out: string[] = [];
  for (const value of attributeValues(entry, name)) {
    if (typeof value === 'string') {
      if (/^S-\d+-\d+(-\d+)*$/i.test(value)) out.push(value.toUpperCase());
      continue;
    }
    try {
      out.push(sidToString(value));
    } catch {
      // A value that is not a SID is not one the audit can use.
    }
  }
  return out;
}

function int(value: string | undefined): number | null {
  if (value === undefined || !/^-?\d+$/.test(value.trim())) return null;
  return Number(value);
}

function filetime(entry: DirectoryEntry, name: string): Date | null {
  const v = firstString(entry, name);
  return v === undefined ? null : filetimeToDate(v);
}

function genTime(entry: DirectoryEntry, name: string): Date | null {
  const v = firstString(entry, name);
  return v === undefined ? null : generalizedTimeToDate(v);
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

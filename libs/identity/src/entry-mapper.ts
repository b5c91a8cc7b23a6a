import {
  type DirectoryEntry,
  UserAccountControl,
  filetimeToDate,
  firstBuffer,
  firstString,
  generalizedTimeToDate,
  hasFlag,
  normalizeDn,
  rdnValue,
  sidToString,
  stringValues,
} from '#vigie/directory';
import type { AccountKind, AccountRecord, GroupRecord } from './snapshot.model.js';

export type MappedEntry =
  | { type: 'account'; account: AccountRecord; memberOf: string[] }
  | { type: 'group'; group: GroupRecord; members: string[]; memberUids: string[] }
  | { type: 'other' };

const GROUP_CLASSES = ['group', 'groupofnames', 'groupofuniquenames', 'posixgroup'];
const PERSON_CLASSES = ['user', 'person', 'inetorgperson', 'posixaccount', 'organizationalperson'];

/** Turns one directory entry, AD or OpenLDAP flavoured, into the synchronised model. */
export function mapEntry(directory: string, entry: DirectoryEntry): MappedEntry {
  const classes = new Set(stringValues(entry, 'objectClass').map((c) => c.toLowerCase()));
  const dnNorm = normalizeDn(entry.dn);
  if (GROUP_CLASSES.some((c) => classes.has(c))) {
    return {
      type: 'group',
      group: {
        directory,
        dn: entry.dn,
        dnNorm,
        name: firstString(entry, 'sAMAccountName') ?? firstString(entry, 'cn') ?? rdnValue(entry.dn),
        objectSid: sid(entry),
        gidNumber: int(firstString(entry, 'gidNumber')),
        groupType: int(firstString(entry, 'groupType')),
        description: firstString(entry, 'description') ?? null,
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
      accountExpires: filetime(entry, 'accountExpires'),
      description: [...stringValues(entry, 'description'), ...stringValues(entry, 'info')].join('\n') || null,
      objectSid: sid(entry),
      primaryGroupId: int(firstString(entry, 'primaryGroupID')),
    },
  };
}

function sid(entry: DirectoryEntry): string | null {
  const raw = firstBuffer(entry, 'objectSid');
  return raw && raw.length >= 8 ? sidToString(raw) : null;
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

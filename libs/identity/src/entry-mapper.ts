import {
  type AttributeValue,
  type DirectoryEntry,
  UserAccountControl,
  filetimeToDate,
  generalizedTimeToDate,
  groupTypeOf,
  guidToString,
  hasFlag,
  normalizeDn,
  rdnValue,
  sidToString,
} from '#vigie/directory';
import type { AccountKind, AccountRecord, DirectoryObjectKind, DirectoryObjectRecord, GroupRecord } from './snapshot.model.js';

export type MappedEntry =
  { type: 'account'; account: AccountRecord } | { type: 'group'; group: GroupRecord; members: string[]; memberUids: string[] } | { type: 'other' };

/** mapDirectoryEntry's result: mapEntry's, plus the OUs, printers, shares and foreign principals. */
export type MappedDirectoryEntry = Exclude<MappedEntry, { type: 'other' }> | { type: 'object'; object: DirectoryObjectRecord } | { type: 'other' };

const GROUP_CLASSES = ['group', 'groupofnames', 'groupofuniquenames', 'posixgroup'];
const PERSON_CLASSES = ['user', 'person', 'inetorgperson', 'posixaccount', 'organizationalperson'];
const OBJECT_CLASSES: Array<[string, DirectoryObjectKind]> = [
  ['pwdpolicy', 'password-policy'],
  ['printqueue', 'printer'],
  ['volume', 'share'],
  ['foreignsecurityprincipal', 'foreign-principal'],
  ['organizationalunit', 'organizational-unit'],
];
/** ppolicy's administrative lock: "locked until an administrator unlocks it", which is how OpenLDAP disables an account. */
const PERMANENT_LOCK = '000001010000Z';

/** What mapping needs besides the entry. */
export interface MapOptions {
  /** OpenLDAP: the default password policy's DN, the policy of accounts without pwdPolicySubentry. */
  defaultPasswordPolicyDn?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Turns one directory entry into the synchronised model: every object kind the audit needs
 * (accounts, groups, OUs, printers, shares, foreign security principals). Contacts and anything
 * else come out as 'other'.
 */
export function mapDirectoryEntry(directory: string, entry: DirectoryEntry, dnNorm?: string, options: MapOptions = {}): MappedDirectoryEntry {
  const classes = objectClasses(entry);
  // A password policy is often written as a person (pwdPolicy is auxiliary) but nobody signs in with it.
  if (classes.has('pwdpolicy')) return { type: 'object', object: mapObject(directory, entry, 'password-policy', dnNorm ?? normalizeDn(entry.dn)) };
  // A group or an account is never one of the other kinds, whatever auxiliary classes it carries.
  if (!GROUP_CLASSES.some((c) => classes.has(c)) && !PERSON_CLASSES.some((c) => classes.has(c))) {
    const kind = OBJECT_CLASSES.find(([c]) => classes.has(c))?.[1];
    if (kind) return { type: 'object', object: mapObject(directory, entry, kind, dnNorm ?? normalizeDn(entry.dn)) };
  }
  return mapPrincipal(directory, entry, classes, dnNorm, options);
}

/** Turns one directory entry, AD or OpenLDAP flavoured, into an account or a group; anything else is 'other'. */
export function mapEntry(directory: string, entry: DirectoryEntry): MappedEntry {
  return mapPrincipal(directory, entry, objectClasses(entry));
}

function objectClasses(entry: DirectoryEntry): Set<string> {
  return new Set(texts(entry, 'objectclass').map((c) => c.toLowerCase()));
}

// Attribute names in DirectoryEntry are lower-case: the mapper asks for them so, and skips the
// lower-casing of the generic accessors (millions of calls on a large directory).
function values(entry: DirectoryEntry, lowerName: string): AttributeValue[] {
  return entry.attributes[lowerName] ?? [];
}

function texts(entry: DirectoryEntry, lowerName: string): string[] {
  const list = entry.attributes[lowerName];
  if (!list) return [];
  return list.map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
}

function first(entry: DirectoryEntry, lowerName: string): string | undefined {
  const v = entry.attributes[lowerName]?.[0];
  return v === undefined ? undefined : typeof v === 'string' ? v : v.toString('utf8');
}

function firstBytes(entry: DirectoryEntry, lowerName: string): Buffer | undefined {
  const v = entry.attributes[lowerName]?.[0];
  return v === undefined ? undefined : typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}

function mapPrincipal(directory: string, entry: DirectoryEntry, classes: Set<string>, knownDnNorm?: string, options: MapOptions = {}): MappedEntry {
  const dnNorm = knownDnNorm ?? normalizeDn(entry.dn);
  if (GROUP_CLASSES.some((c) => classes.has(c))) {
    const groupType = int(first(entry, 'grouptype'));
    const kind = groupType === null ? null : groupKind(groupType);
    return {
      type: 'group',
      group: {
        directory,
        dn: entry.dn,
        dnNorm,
        objectGuid: guid(entry),
        name: first(entry, 'samaccountname') ?? first(entry, 'cn') ?? rdnValue(entry.dn),
        objectSid: sid(entry),
        gidNumber: int(first(entry, 'gidnumber')),
        groupType,
        scope: kind?.scope ?? null,
        security: kind?.security ?? null,
        description: first(entry, 'description') ?? null,
        mail: first(entry, 'mail') ?? null,
        managedBy: first(entry, 'managedby') ?? null,
        adminCount: int(first(entry, 'admincount')),
        whenCreated: genTime(entry, 'whencreated') ?? genTime(entry, 'createtimestamp'),
        whenChanged: genTime(entry, 'whenchanged') ?? genTime(entry, 'modifytimestamp'),
      },
      // uniqueMember may carry an optional "#'0101'B" unique identifier after the DN (RFC 4517 nameAndOptionalUID).
      members: [...texts(entry, 'member'), ...texts(entry, 'uniquemember').map((v) => v.replace(/#'[01]*'B$/, ''))],
      memberUids: texts(entry, 'memberuid'),
    };
  }
  // AD contacts are persons without an account: nothing can sign in with them.
  if (classes.has('contact') || !PERSON_CLASSES.some((c) => classes.has(c))) return { type: 'other' };
  const kind: AccountKind = classes.has('computer') ? 'computer' : 'user';
  const uac = int(first(entry, 'useraccountcontrol'));
  const lockedTime = first(entry, 'pwdaccountlockedtime');
  const failures = texts(entry, 'pwdfailuretime');
  const badPwdCount = int(first(entry, 'badpwdcount'));
  return {
    type: 'account',
    account: {
      directory,
      dn: entry.dn,
      dnNorm,
      objectGuid: guid(entry),
      kind,
      login: first(entry, 'samaccountname') ?? first(entry, 'uid') ?? null,
      displayName: first(entry, 'displayname') ?? first(entry, 'cn') ?? null,
      mail: first(entry, 'mail') ?? null,
      employeeId: first(entry, 'employeeid') ?? first(entry, 'employeenumber') ?? null,
      department: first(entry, 'department') ?? first(entry, 'departmentnumber') ?? first(entry, 'ou') ?? null,
      title: first(entry, 'title') ?? null,
      employeeType: first(entry, 'employeetype') ?? null,
      location: first(entry, 'l') ?? first(entry, 'physicaldeliveryofficename') ?? null,
      managerDn: first(entry, 'manager') ?? null,
      // ppolicy: only the administrative lock disables; a lockout after failed passwords ends on its own or on a reset.
      enabled: uac !== null ? !hasFlag(uac, UserAccountControl.ACCOUNTDISABLE) : lockedTime !== PERMANENT_LOCK,
      userAccountControl: uac,
      pwdLastSet: filetime(entry, 'pwdlastset') ?? genTime(entry, 'pwdchangedtime'),
      // A grace login (pwdGraceUseTime) is a sign in with an expired password: activity all the same.
      lastLogon:
        filetime(entry, 'lastlogontimestamp') ??
        latest(latest(genTime(entry, 'pwdlastsuccess'), genTime(entry, 'authtimestamp')), latestTime(texts(entry, 'pwdgraceusetime'))),
      whenCreated: genTime(entry, 'whencreated') ?? genTime(entry, 'createtimestamp'),
      whenChanged: genTime(entry, 'whenchanged') ?? genTime(entry, 'modifytimestamp'),
      accountExpires: filetime(entry, 'accountexpires'),
      passwordPolicyDn: first(entry, 'pwdpolicysubentry') ?? (uac === null ? (options.defaultPasswordPolicyDn ?? null) : null),
      pwdStartTime: genTime(entry, 'pwdstarttime'),
      pwdEndTime: genTime(entry, 'pwdendtime'),
      lockedOutAt: filetime(entry, 'lockouttime') ?? (lockedTime && lockedTime !== PERMANENT_LOCK ? generalizedTimeToDate(lockedTime) : null),
      badPasswordCount: badPwdCount ?? (failures.length ? failures.length : null),
      lastBadPassword: filetime(entry, 'badpasswordtime') ?? latestTime(failures),
      description: [...texts(entry, 'description'), ...texts(entry, 'info')].join('\n') || null,
      objectSid: sid(entry),
      primaryGroupId: int(first(entry, 'primarygroupid')),
      adminCount: int(first(entry, 'admincount')),
      servicePrincipalNames: texts(entry, 'serviceprincipalname'),
      sidHistory: sids(entry, 'sidhistory'),
      supportedEncryptionTypes: int(first(entry, 'msds-supportedencryptiontypes')),
      lapsPasswordExpires: filetime(entry, 'mslaps-passwordexpirationtime') ?? filetime(entry, 'ms-mcs-admpwdexpirationtime'),
      operatingSystem: first(entry, 'operatingsystem') ?? null,
      operatingSystemVersion: first(entry, 'operatingsystemversion') ?? null,
      dnsHostName: first(entry, 'dnshostname') ?? null,
    },
  };
}

function mapObject(directory: string, entry: DirectoryEntry, kind: DirectoryObjectKind, dnNorm: string): DirectoryObjectRecord {
  const rdn = rdnValue(entry.dn);
  const objectSid = sid(entry) ?? (kind === 'foreign-principal' && /^S-\d+-\d+(-\d+)*$/i.test(rdn) ? rdn.toUpperCase() : null);
  const name =
    kind === 'organizational-unit'
      ? (first(entry, 'ou') ?? rdn)
      : kind === 'printer'
        ? (first(entry, 'printername') ?? first(entry, 'cn') ?? rdn)
        : (first(entry, 'cn') ?? rdn);
  return {
    directory,
    dn: entry.dn,
    dnNorm,
    objectGuid: guid(entry),
    kind,
    name,
    description: texts(entry, 'description').join('\n') || null,
    objectSid,
    uncName: first(entry, 'uncname') ?? null,
    serverName: first(entry, 'servername') ?? first(entry, 'shortservername') ?? null,
    location: first(entry, 'location') ?? first(entry, 'l') ?? null,
    managedBy: first(entry, 'managedby') ?? null,
    // Absent pwdMaxAge is 0 for ppolicy: passwords never expire.
    pwdMaxAge: kind === 'password-policy' ? Math.min(int(first(entry, 'pwdmaxage')) ?? 0, 2 ** 31 - 1) : null,
    whenCreated: genTime(entry, 'whencreated') ?? genTime(entry, 'createtimestamp'),
    whenChanged: genTime(entry, 'whenchanged') ?? genTime(entry, 'modifytimestamp'),
  };
}

/** objectGUID (binary, AD) or entryUUID (text, OpenLDAP), as lower-case text; null when absent or malformed. */
export function guid(entry: DirectoryEntry): string | null {
  const [raw] = values(entry, 'objectguid');
  if (raw !== undefined) {
    if (typeof raw !== 'string' && raw.length === 16) return guidToString(raw);
    const text = (typeof raw === 'string' ? raw : raw.toString('utf8')).replace(/^\{|\}$/g, '').toLowerCase();
    if (UUID.test(text)) return text;
  }
  const uuid = first(entry, 'entryuuid')?.toLowerCase();
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
  const raw = firstBytes(entry, 'objectsid');
  if (!raw || raw.length < 8) return null;
  try {
    return sidToString(raw);
  } catch {
    return null;
  }
}

function sids(entry: DirectoryEntry, name: string): string[] {
  const out: string[] = [];
  for (const value of values(entry, name)) {
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
  const v = first(entry, name);
  return v === undefined ? null : filetimeToDate(v);
}

function genTime(entry: DirectoryEntry, name: string): Date | null {
  const v = first(entry, name);
  return v === undefined ? null : generalizedTimeToDate(v);
}

function latestTime(values: string[]): Date | null {
  let out: Date | null = null;
  for (const v of values) out = latest(out, generalizedTimeToDate(v));
  return out;
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

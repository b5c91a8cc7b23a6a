import type {
  AccountKind,
  AccountRecord,
  DirectoryObjectKind,
  DirectoryObjectRecord,
  GroupRecord,
  GroupWrite,
  MembershipRecord,
  RecordWrite,
} from '#vigie/identity';
import type { BulkColumn } from './sql-bulk.js';

/** Column lists of the snapshot tables, shared by the bulk writes and the reads. */

export const MEMBERSHIP_COLUMNS: BulkColumn<MembershipRecord>[] = [
  { name: 'group_dn_norm', type: 'text', value: (m) => m.groupDnNorm },
  { name: 'member_dn_norm', type: 'text', value: (m) => m.memberDnNorm },
];

export const ACCOUNT_COLUMNS: BulkColumn<RecordWrite<AccountRecord>>[] = [
  { name: 'dn_norm', type: 'text', value: (w) => w.record.dnNorm },
  { name: 'dn', type: 'text', value: (w) => w.record.dn },
  { name: 'object_guid', type: 'uuid', value: (w) => w.record.objectGuid },
  { name: 'kind', type: 'text', value: (w) => w.record.kind },
  { name: 'login', type: 'text', value: (w) => w.record.login },
  { name: 'display_name', type: 'text', value: (w) => w.record.displayName },
  { name: 'mail', type: 'text', value: (w) => w.record.mail },
  { name: 'employee_id', type: 'text', value: (w) => w.record.employeeId },
  { name: 'department', type: 'text', value: (w) => w.record.department },
  { name: 'title', type: 'text', value: (w) => w.record.title },
  { name: 'employee_type', type: 'text', value: (w) => w.record.employeeType },
  { name: 'location', type: 'text', value: (w) => w.record.location },
  { name: 'manager_dn', type: 'text', value: (w) => w.record.managerDn },
  { name: 'enabled', type: 'boolean', value: (w) => w.record.enabled },
  { name: 'user_account_control', type: 'integer', value: (w) => w.record.userAccountControl },
  { name: 'pwd_last_set', type: 'timestamptz', value: (w) => w.record.pwdLastSet },
  { name: 'last_logon', type: 'timestamptz', value: (w) => w.record.lastLogon },
  { name: 'when_created', type: 'timestamptz', value: (w) => w.record.whenCreated },
  { name: 'when_changed', type: 'timestamptz', value: (w) => w.record.whenChanged },
  { name: 'account_expires', type: 'timestamptz', value: (w) => w.record.accountExpires },
  { name: 'description', type: 'text', value: (w) => w.record.description },
  { name: 'object_sid', type: 'text', value: (w) => w.record.objectSid },
  { name: 'primary_group_id', type: 'integer', value: (w) => w.record.primaryGroupId },
  { name: 'admin_count', type: 'integer', value: (w) => w.record.adminCount },
  { name: 'service_principal_names', type: 'jsonb', value: (w) => w.record.servicePrincipalNames },
  { name: 'sid_history', type: 'jsonb', value: (w) => w.record.sidHistory },
  { name: 'supported_encryption_types', type: 'integer', value: (w) => w.record.supportedEncryptionTypes },
  { name: 'laps_password_expires', type: 'timestamptz', value: (w) => w.record.lapsPasswordExpires },
  { name: 'operating_system', type: 'text', value: (w) => w.record.operatingSystem },
  { name: 'operating_system_version', type: 'text', value: (w) => w.record.operatingSystemVersion },
  { name: 'dns_host_name', type: 'text', value: (w) => w.record.dnsHostName },
  { name: 'password_policy_dn', type: 'text', value: (w) => w.record.passwordPolicyDn },
  { name: 'pwd_start_time', type: 'timestamptz', value: (w) => w.record.pwdStartTime },
  { name: 'pwd_end_time', type: 'timestamptz', value: (w) => w.record.pwdEndTime },
  { name: 'locked_out_at', type: 'timestamptz', value: (w) => w.record.lockedOutAt },
  { name: 'bad_password_count', type: 'integer', value: (w) => w.record.badPasswordCount },
  { name: 'last_bad_password', type: 'timestamptz', value: (w) => w.record.lastBadPassword },
  { name: 'fingerprint', type: 'text', value: (w) => w.fingerprint },
];

export const GROUP_COLUMNS: BulkColumn<GroupWrite>[] = [
  { name: 'dn_norm', type: 'text', value: (w) => w.record.dnNorm },
  { name: 'dn', type: 'text', value: (w) => w.record.dn },
  { name: 'object_guid', type: 'uuid', value: (w) => w.record.objectGuid },
  { name: 'name', type: 'text', value: (w) => w.record.name },
  { name: 'object_sid', type: 'text', value: (w) => w.record.objectSid },
  { name: 'gid_number', type: 'integer', value: (w) => w.record.gidNumber },
  { name: 'group_type', type: 'integer', value: (w) => w.record.groupType },
  { name: 'scope', type: 'text', value: (w) => w.record.scope },
  { name: 'security', type: 'boolean', value: (w) => w.record.security },
  { name: 'description', type: 'text', value: (w) => w.record.description },
  { name: 'mail', type: 'text', value: (w) => w.record.mail },
  { name: 'managed_by', type: 'text', value: (w) => w.record.managedBy },
  { name: 'admin_count', type: 'integer', value: (w) => w.record.adminCount },
  { name: 'when_created', type: 'timestamptz', value: (w) => w.record.whenCreated },
  { name: 'when_changed', type: 'timestamptz', value: (w) => w.record.whenChanged },
  { name: 'fingerprint', type: 'text', value: (w) => w.fingerprint },
  { name: 'members_fingerprint', type: 'text', value: (w) => w.membersFingerprint },
];

export const OBJECT_COLUMNS: BulkColumn<RecordWrite<DirectoryObjectRecord>>[] = [
  { name: 'dn_norm', type: 'text', value: (w) => w.record.dnNorm },
  { name: 'dn', type: 'text', value: (w) => w.record.dn },
  { name: 'object_guid', type: 'uuid', value: (w) => w.record.objectGuid },
  { name: 'kind', type: 'text', value: (w) => w.record.kind },
  { name: 'name', type: 'text', value: (w) => w.record.name },
  { name: 'description', type: 'text', value: (w) => w.record.description },
  { name: 'object_sid', type: 'text', value: (w) => w.record.objectSid },
  { name: 'unc_name', type: 'text', value: (w) => w.record.uncName },
  { name: 'server_name', type: 'text', value: (w) => w.record.serverName },
  { name: 'location', type: 'text', value: (w) => w.record.location },
  { name: 'managed_by', type: 'text', value: (w) => w.record.managedBy },
  { name: 'pwd_max_age', type: 'integer', value: (w) => w.record.pwdMaxAge },
  { name: 'when_created', type: 'timestamptz', value: (w) => w.record.whenCreated },
  { name: 'when_changed', type: 'timestamptz', value: (w) => w.record.whenChanged },
  { name: 'fingerprint', type: 'text', value: (w) => w.fingerprint },
];

type Row = Record<string, unknown>;

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === true || v === 't' || v === 'true');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? (JSON.parse(v) as string[]) : []);

export function toAccount(r: Row): AccountRecord {
  return {
    directory: String(r.directory),
    dn: String(r.dn),
    dnNorm: String(r.dn_norm),
    objectGuid: text(r.object_guid),
    kind: r.kind as AccountKind,
    login: text(r.login),
    displayName: text(r.display_name),
    mail: text(r.mail),
    employeeId: text(r.employee_id),
    department: text(r.department),
    title: text(r.title),
    employeeType: text(r.employee_type),
    location: text(r.location),
    managerDn: text(r.manager_dn),
    enabled: bool(r.enabled) ?? false,
    userAccountControl: int(r.user_account_control),
    pwdLastSet: date(r.pwd_last_set),
    lastLogon: date(r.last_logon),
    whenCreated: date(r.when_created),
    whenChanged: date(r.when_changed),
    accountExpires: date(r.account_expires),
    passwordPolicyDn: text(r.password_policy_dn),
    pwdStartTime: date(r.pwd_start_time),
    pwdEndTime: date(r.pwd_end_time),
    lockedOutAt: date(r.locked_out_at),
    badPasswordCount: int(r.bad_password_count),
    lastBadPassword: date(r.last_bad_password),
    description: text(r.description),
    objectSid: text(r.object_sid),
    primaryGroupId: int(r.primary_group_id),
    adminCount: int(r.admin_count),
    servicePrincipalNames: list(r.service_principal_names),
    sidHistory: list(r.sid_history),
    supportedEncryptionTypes: int(r.supported_encryption_types),
    lapsPasswordExpires: date(r.laps_password_expires),
    operatingSystem: text(r.operating_system),
    operatingSystemVersion: text(r.operating_system_version),
    dnsHostName: text(r.dns_host_name),
  };
}

export function toGroup(r: Row): GroupRecord {
  return {
    directory: String(r.directory),
    dn: String(r.dn),
    dnNorm: String(r.dn_norm),
    objectGuid: text(r.object_guid),
    name: String(r.name),
    objectSid: text(r.object_sid),
    gidNumber: int(r.gid_number),
    groupType: int(r.group_type),
    scope: text(r.scope) as GroupRecord['scope'],
    security: bool(r.security),
    description: text(r.description),
    mail: text(r.mail),
    managedBy: text(r.managed_by),
    adminCount: int(r.admin_count),
    whenCreated: date(r.when_created),
    whenChanged: date(r.when_changed),
  };
}

export function toObject(r: Row): DirectoryObjectRecord {
  return {
    directory: String(r.directory),
    dn: String(r.dn),
    dnNorm: String(r.dn_norm),
    objectGuid: text(r.object_guid),
    kind: r.kind as DirectoryObjectKind,
    name: String(r.name),
    description: text(r.description),
    objectSid: text(r.object_sid),
    uncName: text(r.unc_name),
    serverName: text(r.server_name),
    location: text(r.location),
    managedBy: text(r.managed_by),
    pwdMaxAge: int(r.pwd_max_age),
    whenCreated: date(r.when_created),
    whenChanged: date(r.when_changed),
  };
}

/**
 * The account columns a snapshot load reads through COPY (`accountFromCopy` decodes them in this order): what the
 * record holds, not the sync's bookkeeping (fingerprint, run). Timestamps as whole milliseconds since 1970, which
 * become Dates without parsing a date string; the two jsonb lists as text, null when empty (most rows).
 */
const ACCOUNT_COPY_LIST = [
  'directory',
  'dn',
  'dn_norm',
  'object_guid',
  'kind',
  'login',
  'display_name',
  'mail',
  'employee_id',
  'department',
  'title',
  'employee_type',
  'location',
  'manager_dn',
  'enabled',
  'user_account_control',
  ...['pwd_last_set', 'last_logon', 'when_created', 'when_changed', 'account_expires'].map(epochMs),
  'password_policy_dn',
  ...['pwd_start_time', 'pwd_end_time', 'locked_out_at'].map(epochMs),
  'bad_password_count',
  epochMs('last_bad_password'),
  'description',
  'object_sid',
  'primary_group_id',
  'admin_count',
  `NULLIF(service_principal_names::text, '[]')`,
  `NULLIF(sid_history::text, '[]')`,
  'supported_encryption_types',
  epochMs('laps_password_expires'),
  'operating_system',
  'operating_system_version',
  'dns_host_name',
];
export const ACCOUNT_COPY_SELECT = ACCOUNT_COPY_LIST.join(', ');
export const ACCOUNT_COPY_COLUMNS = ACCOUNT_COPY_LIST.length;

function epochMs(column: string): string {
  return `floor(extract(epoch FROM ${column}) * 1000)::bigint`;
}

const copyInt = (v: string | null): number | null => (v === null ? null : Number(v));
const copyDate = (v: string | null): Date | null => (v === null ? null : new Date(Number(v)));
const copyList = (v: string | null): string[] => (v === null ? [] : (JSON.parse(v) as string[]));

/** An account from a row of `COPY (SELECT ${ACCOUNT_COPY_SELECT} …) TO STDOUT`: the same record as toAccount's. */
export function accountFromCopy(f: Array<string | null>): AccountRecord {
  return {
    directory: f[0]!,
    dn: f[1]!,
    dnNorm: f[2]!,
    objectGuid: f[3],
    kind: f[4] as AccountKind,
    login: f[5],
    displayName: f[6],
    mail: f[7],
    employeeId: f[8],
    department: f[9],
    title: f[10],
    employeeType: f[11],
    location: f[12],
    managerDn: f[13],
    enabled: f[14] === 't',
    userAccountControl: copyInt(f[15]),
    pwdLastSet: copyDate(f[16]),
    lastLogon: copyDate(f[17]),
    whenCreated: copyDate(f[18]),
    whenChanged: copyDate(f[19]),
    accountExpires: copyDate(f[20]),
    passwordPolicyDn: f[21],
    pwdStartTime: copyDate(f[22]),
    pwdEndTime: copyDate(f[23]),
    lockedOutAt: copyDate(f[24]),
    badPasswordCount: copyInt(f[25]),
    lastBadPassword: copyDate(f[26]),
    description: f[27],
    objectSid: f[28],
    primaryGroupId: copyInt(f[29]),
    adminCount: copyInt(f[30]),
    servicePrincipalNames: copyList(f[31]),
    sidHistory: copyList(f[32]),
    supportedEncryptionTypes: copyInt(f[33]),
    lapsPasswordExpires: copyDate(f[34]),
    operatingSystem: f[35],
    operatingSystemVersion: f[36],
    dnsHostName: f[37],
  };
}

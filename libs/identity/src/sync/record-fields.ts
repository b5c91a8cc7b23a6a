import { hash } from 'node:crypto';
import type { AttributeChange, ChangeValue } from '../change.model.js';
import type { AccountRecord, DirectoryObjectRecord, GroupRecord } from '../snapshot.model.js';

/**
 * Which fields of each record a sync compares. "Tracked" fields are the attributes that matter:
 * a difference becomes a change record. "Volatile" fields change on their own (a logon, a LAPS
 * rotation, any write bumps whenChanged): the stored snapshot follows them, the change log does not.
 * Identity fields (directory, dn, dnNorm, objectGuid) are compared apart: a new DN is a move.
 */
export interface FieldSpec<T> {
  tracked: ReadonlyArray<keyof T & string>;
  volatile: ReadonlyArray<keyof T & string>;
  /** Tracked fields whose value is the DN of another object (manager, managedBy). */
  dnRefs?: ReadonlyArray<keyof T & string>;
  /**
   * Fields (tracked or volatile) added after rows were first stored: they enter the fingerprint only when they
   * hold a value, so that a stored row without them keeps its fingerprint and an upgrade rewrites nothing.
   */
  addedLater?: ReadonlyArray<keyof T & string>;
}

export const ACCOUNT_FIELDS: FieldSpec<AccountRecord> = {
  tracked: [
    'kind',
    'login',
    'displayName',
    'mail',
    'employeeId',
    'department',
    'title',
    'employeeType',
    'location',
    'managerDn',
    'enabled',
    'userAccountControl',
    'pwdLastSet',
    'whenCreated',
    'accountExpires',
    'passwordPolicyDn',
    'pwdStartTime',
    'pwdEndTime',
    'lockedOutAt',
    'description',
    'objectSid',
    'primaryGroupId',
    'adminCount',
    'servicePrincipalNames',
    'sidHistory',
    'supportedEncryptionTypes',
    'operatingSystem',
    'operatingSystemVersion',
    'dnsHostName',
  ],
  // Failed passwords come and go with every typo: stored for the intrusion rules, not recorded as changes.
  volatile: ['lastLogon', 'whenChanged', 'lapsPasswordExpires', 'badPasswordCount', 'lastBadPassword'],
  dnRefs: ['managerDn', 'passwordPolicyDn'],
  addedLater: ['passwordPolicyDn', 'pwdStartTime', 'pwdEndTime', 'lockedOutAt', 'badPasswordCount', 'lastBadPassword'],
};

export const GROUP_FIELDS: FieldSpec<GroupRecord> = {
  tracked: ['name', 'objectSid', 'gidNumber', 'groupType', 'scope', 'security', 'description', 'mail', 'managedBy', 'adminCount', 'whenCreated'],
  volatile: ['whenChanged'],
  dnRefs: ['managedBy'],
};

export const OBJECT_FIELDS: FieldSpec<DirectoryObjectRecord> = {
  tracked: ['kind', 'name', 'description', 'objectSid', 'uncName', 'serverName', 'location', 'managedBy', 'pwdMaxAge', 'whenCreated'],
  volatile: ['whenChanged'],
  dnRefs: ['managedBy'],
  addedLater: ['pwdMaxAge'],
};

type FieldValue = string | number | boolean | null | Date | string[];

function canonical(value: FieldValue): string {
  if (value === null) return '\u0000';
  if (typeof value === 'string') return 's' + value;
  if (value instanceof Date) return 'd' + value.getTime();
  if (Array.isArray(value)) return 'a' + value.join('\u0001');
  return (typeof value === 'number' ? 'n' : 'b') + value;
}

/**
 * A digest of every compared field: two records with the same fingerprint need no write.
 * Stored beside each row, so a sync finds what changed without reading the rows back. The text
 * hashed is the fields' canonical forms joined by U+0002, built by concatenation (no array per
 * record: a first snapshot computes 100k of these).
 */
export function fingerprint<T>(record: T, spec: FieldSpec<T>): string {
  const plan = fingerprintPlan(spec);
  let text = '';
  let first = true;
  for (const field of plan.always) {
    text += first ? canonical(record[field] as FieldValue) : '\u0002' + canonical(record[field] as FieldValue);
    first = false;
  }
  for (const field of plan.later) {
    const value = record[field] as FieldValue | undefined;
    if (value !== null && value !== undefined) text += '\u0003' + field + '\u0002' + canonical(value);
  }
  return hash('md5', text, 'base64url');
}

const plans = new WeakMap<object, { always: string[]; later: string[] }>();

/** The fields a fingerprint hashes always (tracked, then volatile) and those it hashes when set, worked out once per spec. */
function fingerprintPlan<T>(spec: FieldSpec<T>): { always: Array<keyof T & string>; later: Array<keyof T & string> } {
  let plan = plans.get(spec);
  if (!plan) {
    const later: string[] = [...(spec.addedLater ?? [])];
    plan = { always: [...spec.tracked, ...spec.volatile].filter((f) => !later.includes(f)), later };
    plans.set(spec, plan);
  }
  return plan as { always: Array<keyof T & string>; later: Array<keyof T & string> };
}

/** A digest of a group's direct members (normalized DNs, any order). */
export function membersFingerprint(memberDnNorms: Iterable<string>): string {
  // A first snapshot hands its member lists sorted already: no copy to sort.
  const sorted = Array.isArray(memberDnNorms) && isSorted(memberDnNorms) ? memberDnNorms : [...memberDnNorms].sort();
  return hash('md5', sorted.join('\n'), 'base64url');
}

function isSorted(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
}

export function toChangeValue(value: FieldValue | undefined): ChangeValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return [...value];
  return value;
}

function same(a: FieldValue, b: FieldValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return false;
}

/**
 * Whether two DN values name the same object: AD (links) and OpenLDAP's refint rewrite a DN value
 * when the object it names is renamed or moved, which is not a change of the reference.
 */
export type SameObject = (oldDn: string, newDn: string) => boolean;

/** The tracked fields that differ between two versions of a record. */
export function diffTracked<T>(before: T, after: T, spec: FieldSpec<T>, sameObject?: SameObject): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const field of spec.tracked) {
    const a = before[field] as FieldValue;
    const b = after[field] as FieldValue;
    if (same(a, b)) continue;
    if (sameObject && typeof a === 'string' && typeof b === 'string' && spec.dnRefs?.includes(field) && sameObject(a, b)) continue;
    changes.push({ attribute: field, old: toChangeValue(a), new: toChangeValue(b) });
  }
  return changes;
}

/** The tracked fields of a new record that carry a value, as changes from nothing. */
export function initialValues<T>(record: T, spec: FieldSpec<T>): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const field of spec.tracked) {
    const value = record[field] as FieldValue;
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    changes.push({ attribute: field, old: null, new: toChangeValue(value) });
  }
  return changes;
}

/**
 * Decoders for the Active Directory encodings an audit reads: FILETIME and GeneralizedTime dates,
 * binary SIDs and GUIDs, userAccountControl and groupType bit fields.
 */

// FILETIME counts 100 ns ticks since 1601-01-01T00:00:00Z; this is the Unix epoch in ticks.
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;
const FILETIME_NEVER = 0x7fff_ffff_ffff_ffffn;

/**
 * A FILETIME attribute (pwdLastSet, lastLogonTimestamp, accountExpires, lockoutTime...) as a
 * Date. BigInt, because the values exceed 2^53. Null when it means "never" (0 or
 * 9223372036854775807) and when the text is not a FILETIME at all.
 */
export function filetimeToDate(value: string): Date | null {
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) return null;
  const ticks = BigInt(text);
  if (ticks <= 0n || ticks >= FILETIME_NEVER) return null;
  return new Date(Number((ticks - FILETIME_UNIX_EPOCH) / 10_000n));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The two forms nearly every directory writes, `YYYYMMDDhhmmssZ` (OpenLDAP) and `YYYYMMDDhhmmss.0Z`
 * (AD), read digit by digit: a sync decodes a few hundred thousand of them, and the regular
 * expression below costs several times more. Undefined for any other form, which the expression reads.
 */
function plainGeneralizedTime(value: string): Date | null | undefined {
  const length = value.length;
  if (length !== 15 && !(length === 17 && value.charCodeAt(14) === 46 /* . */ && value.charCodeAt(15) === 48 /* 0 */)) return undefined;
  if (value.charCodeAt(length - 1) !== 90 /* Z */) return undefined;
  let n = 0;
  const digits = (from: number, count: number): number => {
    let v = 0;
    for (let i = from; i < from + count; i++) {
      const d = value.charCodeAt(i) - 48;
      if (d < 0 || d > 9) n = -1;
      v = v * 10 + d;
    }
    return v;
  };
  const year = digits(0, 4);
  const month = digits(4, 2);
  const day = digits(6, 2);
  const hour = digits(8, 2);
  const minute = digits(10, 2);
  const second = digits(12, 2);
  if (n < 0) return undefined;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 1 : 0;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! + leap || hour > 23 || minute > 59 || second > 60) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)));
}

/** A Date as FILETIME text, for filters such as `(pwdLastSet<=...)`. */
export function dateToFiletime(date: Date): string {
  return (BigInt(date.getTime()) * 10_000n + FILETIME_UNIX_EPOCH).toString();
}

const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(?:(\d{2})(\d{2})?)?(?:[.,](\d+))?(Z|[+-]\d{2}(?:\d{2})?)$/;

/**
 * A GeneralizedTime (RFC 4517) as a Date: `20240115103000.0Z` (AD whenCreated),
 * `20240115103000Z` (OpenLDAP createTimestamp, pwdChangedTime), with an optional fraction of the
 * last unit given and a `Z` or `±hh[mm]` zone. Null when the text is not one.
 */
export function generalizedTimeToDate(value: string): Date | null {
  const fast = plainGeneralizedTime(value);
  if (fast !== undefined) return fast;
  const match = GENERALIZED_TIME.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const zone = match[8]!;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, Math.min(second, 59));
  if (new Date(ms).getUTCDate() !== day) return null; // 31 February and the like
  if (fraction !== undefined) {
    // The fraction is of the last unit written: hours, minutes or seconds.
    const unit = mi === undefined ? 3_600_000 : s === undefined ? 60_000 : 1000;
    ms += Math.round(Number(`0.${fraction}`) * unit);
  }
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5) || 0);
    ms -= sign * offset * 60_000;
  }
  return new Date(ms);
}

/**
 * A binary SID (objectSid, sIDHistory, tokenGroups) as text: `S-1-5-21-x-y-z-rid`.
 * Layout: revision (1 byte), sub-authority count (1), identifier authority (6, big-endian),
 * then the sub-authorities (4 bytes each, little-endian).
 */
export function sidToString(sid: Buffer | Uint8Array): string {
  const buf = Buffer.from(sid.buffer, sid.byteOffset, sid.byteLength);
  if (buf.length < 8) throw new RangeError(`a SID has at least 8 bytes, got ${buf.length}`);
  const count = buf[1]!;
  if (buf.length !== 8 + 4 * count) {
    throw new RangeError(`a SID with ${count} sub-authorities has ${8 + 4 * count} bytes, got ${buf.length}`);
  }
  const authority = buf.readUIntBE(2, 6);
  const parts = [`S-${buf[0]}`, String(authority)];
  for (let i = 0; i < count; i++) parts.push(String(buf.readUInt32LE(8 + 4 * i)));
  return parts.join('-');
}

/** The binary form of a textual SID, e.g. to search `(objectSid=...)` with escaped bytes. */
export function sidFromString(sid: string): Buffer {
  const match = /^S-(\d+)-(\d+)((?:-\d+)*)$/i.exec(sid.trim());
  if (!match) throw new RangeError(`"${sid}" is not a SID (S-1-5-21-...)`);
  const subs = match[3] ? match[3].slice(1).split('-').map(Number) : [];
  const buf = Buffer.alloc(8 + 4 * subs.length);
  buf[0] = Number(match[1]);
  buf[1] = subs.length;
  buf.writeUIntBE(Number(match[2]), 2, 6);
  subs.forEach((sub, i) => buf.writeUInt32LE(sub, 8 + 4 * i));
  return buf;
}

/** The relative identifier, the last sub-authority (500 Administrator, 512 Domain Admins...). */
export function ridOfSid(sid: string | Buffer | Uint8Array): number {
  const text = typeof sid === 'string' ? sid : sidToString(sid);
  const match = /-(\d+)$/.exec(text.trim());
  if (!/^S-\d+-\d+/i.test(text.trim()) || !match) throw new RangeError(`"${text}" is not a SID with a RID`);
  return Number(match[1]);
}

/**
 * A binary objectGUID as its usual text. AD stores the first three fields little-endian
 * (mixed-endian layout), so bytes 0-3, 4-5 and 6-7 are reversed and 8-15 kept.
 */
export function guidToString(guid: Buffer | Uint8Array): string {
  const buf = Buffer.from(guid.buffer, guid.byteOffset, guid.byteLength);
  if (buf.length !== 16) throw new RangeError(`a GUID has 16 bytes, got ${buf.length}`);
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = Buffer.from(buf.subarray(from, to));
    return (reverse ? part.reverse() : part).toString('hex');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)].join('-');
}

/** The 16 bytes of a GUID's text form, in AD's mixed-endian layout (the inverse of guidToString). */
export function guidToBytes(guid: string): Buffer {
  const match = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/i.exec(guid.trim());
  if (!match) throw new RangeError(`"${guid}" is not a GUID`);
  const part = (hex: string, reverse: boolean) => {
    const bytes = Buffer.from(hex, 'hex');
    return reverse ? bytes.reverse() : bytes;
  };
  return Buffer.concat([part(match[1]!, true), part(match[2]!, true), part(match[3]!, true), part(match[4]!, false), part(match[5]!, false)]);
}

/** userAccountControl bits (MS-ADTS 2.2.16) that an audit looks at. */
export const UserAccountControl = {
  SCRIPT: 0x1,
  ACCOUNTDISABLE: 0x2,
  HOMEDIR_REQUIRED: 0x8,
  LOCKOUT: 0x10,
  PASSWD_NOTREQD: 0x20,
  PASSWD_CANT_CHANGE: 0x40,
  ENCRYPTED_TEXT_PWD_ALLOWED: 0x80,
  NORMAL_ACCOUNT: 0x200,
  INTERDOMAIN_TRUST_ACCOUNT: 0x800,
  WORKSTATION_TRUST_ACCOUNT: 0x1000,
  SERVER_TRUST_ACCOUNT: 0x2000,
  DONT_EXPIRE_PASSWORD: 0x10000,
  SMARTCARD_REQUIRED: 0x40000,
  TRUSTED_FOR_DELEGATION: 0x80000,
  NOT_DELEGATED: 0x100000,
  USE_DES_KEY_ONLY: 0x200000,
  DONT_REQ_PREAUTH: 0x400000,
  PASSWORD_EXPIRED: 0x800000,
  TRUSTED_TO_AUTH_FOR_DELEGATION: 0x1000000,
  PARTIAL_SECRETS_ACCOUNT: 0x4000000,
} as const;

export type UserAccountControlFlag = (typeof UserAccountControl)[keyof typeof UserAccountControl];

/** Whether a bit field (as read: number or decimal text) has the flag set. */
export function hasFlag(value: number | string, flag: number): boolean {
  const bits = typeof value === 'string' ? Number.parseInt(value, 10) : value;
  if (!Number.isFinite(bits)) return false;
  return (bits & flag) === flag;
}

export type GroupScope = 'global' | 'domain-local' | 'universal' | 'builtin';

/** groupType bits (MS-ADTS 2.2.12). */
export const GroupType = {
  BUILTIN_LOCAL_GROUP: 0x1,
  ACCOUNT_GROUP: 0x2,
  RESOURCE_GROUP: 0x4,
  UNIVERSAL_GROUP: 0x8,
  SECURITY_ENABLED: 0x8000_0000,
} as const;

/**
 * A group's kind from its groupType. AD writes groupType as a signed 32-bit integer, so security
 * groups are negative (-2147483646 is a global security group). Builtin groups (Administrators,
 * Account Operators...) carry the builtin bit besides domain-local and report 'builtin'.
 * Throws RangeError when no scope bit is set.
 */
export function groupTypeOf(groupType: number | string): { security: boolean; scope: GroupScope } {
  const bits = (typeof groupType === 'string' ? Number.parseInt(groupType, 10) : groupType) >>> 0;
  const security = (bits & GroupType.SECURITY_ENABLED) !== 0;
  let scope: GroupScope;
  if (bits & GroupType.BUILTIN_LOCAL_GROUP) scope = 'builtin';
  else if (bits & GroupType.ACCOUNT_GROUP) scope = 'global';
  else if (bits & GroupType.RESOURCE_GROUP) scope = 'domain-local';
  else if (bits & GroupType.UNIVERSAL_GROUP) scope = 'universal';
  else throw new RangeError(`groupType ${String(groupType)} has no scope bit`);
  return { security, scope };
}

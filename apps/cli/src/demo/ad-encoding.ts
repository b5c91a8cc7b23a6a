/**
 * Active Directory value encodings, written the way a DC stores them and `ldifde` exports them.
 * Kept independent of libs/directory's decoders on purpose: the demo then cross-checks them.
 */

// FILETIME counts 100 ns ticks since 1601-01-01T00:00:00Z; this is 1970-01-01 in ticks.
const FILETIME_UNIX_EPOCH = 116_444_736_000_000_000n;

/** accountExpires of an account that never expires, as AD writes it (0x7FFFFFFFFFFFFFFF). */
export const FILETIME_NEVER = '9223372036854775807';

/** A date as FILETIME decimal text (pwdLastSet, lastLogonTimestamp, accountExpires). */
export function toFiletime(date: Date): string {
  return (BigInt(date.getTime()) * 10_000n + FILETIME_UNIX_EPOCH).toString();
}

/** A date as AD GeneralizedTime, `YYYYMMDDHHMMSS.0Z` (whenCreated, whenChanged). */
export function toGeneralizedTime(date: Date): string {
  const iso = date.toISOString(); // 2026-03-01T09:15:42.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}.0Z`;
}

/**
 * The binary form of a textual SID (`S-1-5-21-x-y-z-rid`): revision, sub-authority count, the
 * identifier authority on 6 bytes big-endian, then each sub-authority on 4 bytes little-endian.
 */
export function sidToBytes(sid: string): Buffer {
  const match = /^S-(\d+)-(\d+)((?:-\d+)+)$/.exec(sid);
  if (!match) throw new RangeError(`"${sid}" is not a SID`);
  const subAuthorities = match[3]!.slice(1).split('-').map(Number);
  const bytes = Buffer.alloc(8 + 4 * subAuthorities.length);
  bytes[0] = Number(match[1]);
  bytes[1] = subAuthorities.length;
  bytes.writeUIntBE(Number(match[2]), 2, 6);
  subAuthorities.forEach((value, index) => bytes.writeUInt32LE(value, 8 + 4 * index));
  return bytes;
}

/**
 * An objectGUID from 16 random bytes, marked as a version 4 GUID. AD stores the first three
 * fields little-endian, so the version nibble sits in byte 7 and the variant in byte 8.
 */
export function toObjectGuid(random: Buffer): Buffer {
  if (random.length !== 16) throw new RangeError(`a GUID has 16 bytes, got ${random.length}`);
  const guid = Buffer.from(random);
  guid[7] = (guid[7]! & 0x0f) | 0x40;
  guid[8] = (guid[8]! & 0x3f) | 0x80;
  return guid;
}

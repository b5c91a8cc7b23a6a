import { isUtf8 } from 'node:buffer';
import { isBinaryAttribute } from '../../binary-attributes.js';
import type { AttributeValue, DirectoryEntry } from '../../directory-entry.js';

/**
 * Decodes the LDAP responses a read needs (RFC 4511 §4.1.1, BER): search entries straight into
 * DirectoryEntry (names lower-cased, binary attributes as Buffers, text as strings, attributes
 * without values dropped), search references, and results with their controls. A search of 100k
 * entries decodes several million values: this works on the socket's bytes, one pass, with as few
 * intermediate objects as possible.
 */

export class BerError extends Error {
  constructor(message: string) {
    super(`malformed LDAP message: ${message}`);
    this.name = 'BerError';
  }
}

/** The LDAPResult of a response (bind, search done, extended). */
export interface LdapResult {
  code: number;
  matchedDn: string;
  diagnostic: string;
}

export type LdapResponse =
  | { kind: 'entry'; id: number; entry: DirectoryEntry; ranged: boolean }
  | { kind: 'reference'; id: number; uris: string[] }
  | { kind: 'result'; id: number; op: number; result: LdapResult; controls: Map<string, Buffer>; name?: string; value?: Buffer };

export const Op = {
  BIND_RESPONSE: 0x61,
  SEARCH_ENTRY: 0x64,
  SEARCH_DONE: 0x65,
  SEARCH_REFERENCE: 0x73,
  EXTENDED_RESPONSE: 0x78,
} as const;

interface AttributeName {
  key: string;
  binary: boolean;
  ranged: boolean;
}

// Attribute descriptions repeat in every entry: lower-casing and classifying them once.
const names = new Map<string, AttributeName>();

function attributeName(raw: string): AttributeName {
  let name = names.get(raw);
  if (!name) {
    const key = raw.toLowerCase();
    name = { key, binary: isBinaryAttribute(key), ranged: /;range=/.test(key) };
    if (names.size < 10_000) names.set(raw, name);
  }
  return name;
}

/** Buffer's own slicing methods, without toString's argument checks: called millions of times. */
interface FastSlices {
  utf8Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
}
const slices = (buf: Buffer) => buf as unknown as FastSlices;

/** A cursor over one message's bytes. */
class Reader {
  constructor(
    readonly buf: Buffer,
    public pos: number,
    readonly end: number,
  ) {}

  /** Reads a tag and a length; returns the content's end and leaves pos at its start. */
  enter(expected?: number): number {
    const tag = this.tag();
    if (expected !== undefined && tag !== expected) throw new BerError(`expected tag 0x${expected.toString(16)}, got 0x${tag.toString(16)}`);
    const length = this.length();
    const end = this.pos + length;
    if (end > this.end) throw new BerError('a value runs past its message');
    return end;
  }

  tag(): number {
    if (this.pos >= this.end) throw new BerError('truncated');
    return this.buf[this.pos++]!;
  }

  peek(): number {
    return this.pos < this.end ? this.buf[this.pos]! : -1;
  }

  length(): number {
    const first = this.buf[this.pos++];
    if (first === undefined) throw new BerError('truncated length');
    if (first < 0x80) return first;
    const bytes = first & 0x7f;
    if (bytes === 0 || bytes > 4) throw new BerError('unsupported length');
    let length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + this.buf[this.pos++]!;
    return length;
  }

  integer(expected = 0x02): number {
    const end = this.enter(expected);
    if (end === this.pos) return 0;
    let value = this.buf[this.pos]! & 0x80 ? -1 : 0;
    // Two's complement: a first byte with its high bit set starts from -1.
    for (; this.pos < end; this.pos++) value = value * 256 + this.buf[this.pos]!;
    return value;
  }

  /** An OCTET STRING (or another primitive) as text. */
  text(expected = 0x04): string {
    const end = this.enter(expected);
    const value = slices(this.buf).utf8Slice(this.pos, end);
    this.pos = end;
    return value;
  }

  bytes(expected = 0x04): Buffer {
    const end = this.enter(expected);
    const value = Buffer.from(this.buf.subarray(this.pos, end));
    this.pos = end;
    return value;
  }

  skip(): void {
    this.tag();
    this.pos += this.length();
  }
}

/**
 * The total length (header included) of the LDAPMessage starting at `start`, read from its header;
 * -1 when `buf` does not hold the whole header yet.
 */
export function frameLength(buf: Buffer, start: number): number {
  if (buf.length - start < 2) return -1;
  if (buf[start] !== 0x30) throw new BerError(`a message starts with 0x${buf[start]!.toString(16)}, not a SEQUENCE`);
  const first = buf[start + 1]!;
  if (first < 0x80) return first + 2;
  const bytes = first & 0x7f;
  if (bytes === 0 || bytes > 4) throw new BerError('unsupported message length');
  if (buf.length - start < 2 + bytes) return -1;
  let length = 0;
  for (let i = 0; i < bytes; i++) length = length * 256 + buf[start + 2 + i]!;
  return 2 + bytes + length;
}

/** The length of the complete LDAPMessage at `start`, or -1 when `buf` does not hold all of it yet. */
export function messageLength(buf: Buffer, start: number): number {
  const total = frameLength(buf, start);
  return total >= 0 && total <= buf.length - start ? total : -1;
}

/** Decodes the complete LDAPMessage of `length` bytes at `start`. */
export function decodeMessage(buf: Buffer, start: number, length: number): LdapResponse {
  const r = new Reader(buf, start, start + length);
  const messageEnd = r.enter(0x30);
  const id = r.integer();
  const op = r.peek();
  switch (op) {
    case Op.SEARCH_ENTRY:
      return decodeEntry(r, id);
    case Op.SEARCH_REFERENCE: {
      const end = r.enter(op);
      const uris: string[] = [];
      while (r.pos < end) uris.push(r.text());
      return { kind: 'reference', id, uris };
    }
    default: {
      const end = r.enter();
      const code = r.integer(0x0a);
      const matchedDn = r.text();
      const diagnostic = r.text();
      let name: string | undefined;
      let value: Buffer | undefined;
      while (r.pos < end) {
        const tag = r.peek();
        if (tag === 0x8a) name = r.text(0x8a);
        else if (tag === 0x8b) value = r.bytes(0x8b);
        else r.skip(); // referral [3], serverSaslCreds [7]
      }
      r.pos = end;
      const controls = new Map<string, Buffer>();
      if (r.pos < messageEnd && r.peek() === 0xa0) {
        const controlsEnd = r.enter(0xa0);
        while (r.pos < controlsEnd) {
          const controlEnd = r.enter(0x30);
          const type = r.text();
          if (r.peek() === 0x01) r.skip();
          controls.set(type, r.pos < controlEnd ? r.bytes() : Buffer.alloc(0));
          r.pos = controlEnd;
        }
      }
      return { kind: 'result', id, op, result: { code, matchedDn, diagnostic }, controls, name, value };
    }
  }
}

// The entries of a search list their attributes in much the same order: the name at each position
// is compared byte by byte with the one last seen there, without making a string of it.
const seenAt: Array<{ bytes: Buffer; name: AttributeName } | undefined> = [];
const POSITIONS = 64;

function nameAt(position: number, buf: Buffer, start: number, end: number): AttributeName {
  const seen = position < POSITIONS ? seenAt[position] : undefined;
  if (seen && seen.bytes.length === end - start) {
    const bytes = seen.bytes;
    let i = 0;
    while (i < bytes.length && bytes[i] === buf[start + i]) i++;
    if (i === bytes.length) return seen.name;
  }
  const name = attributeName(slices(buf).latin1Slice(start, end));
  if (position < POSITIONS) seenAt[position] = { bytes: Buffer.from(buf.subarray(start, end)), name };
  return name;
}

function decodeEntry(r: Reader, id: number): LdapResponse {
  r.enter(Op.SEARCH_ENTRY);
  const dn = r.text();
  const attributesEnd = r.enter(0x30);
  const attributes: Record<string, AttributeValue[]> = {};
  const buf = r.buf;
  let ranged = false;
  for (let position = 0; r.pos < attributesEnd; position++) {
    const attributeEnd = r.enter(0x30);
    const typeEnd = r.enter(0x04);
    const name = nameAt(position, buf, r.pos, typeEnd);
    r.pos = typeEnd;
    const valuesEnd = r.enter(0x31);
    if (r.pos < valuesEnd) {
      const values = attributes[name.key] ?? (attributes[name.key] = []);
      ranged ||= name.ranged;
      while (r.pos < valuesEnd) {
        const end = r.enter(0x04);
        values.push(name.binary ? Buffer.from(buf.subarray(r.pos, end)) : textOrBytes(buf, r.pos, end));
        r.pos = end;
      }
    }
    r.pos = attributeEnd;
  }
  return { kind: 'entry', id, entry: { dn, attributes }, ranged };
}

/** UTF-8 text, or the bytes themselves when they are not UTF-8 (a binary attribute the list misses). */
function textOrBytes(buf: Buffer, start: number, end: number): AttributeValue {
  const text = slices(buf).utf8Slice(start, end);
  // The decoder replaces malformed sequences with U+FFFD; only then is the slower check needed.
  if (!text.includes('\uFFFD') || isUtf8(buf.subarray(start, end))) return text;
  return Buffer.from(buf.subarray(start, end));
}

/** The cookie of a paged results response control (RFC 2696): empty when the search is complete. */
export function pagedResultsCookie(controls: Map<string, Buffer>): Buffer {
  const value = controls.get('1.2.840.113556.1.4.319');
  if (!value || value.length === 0) return Buffer.alloc(0);
  const r = new Reader(value, 0, value.length);
  r.enter(0x30);
  r.integer();
  return r.bytes();
}

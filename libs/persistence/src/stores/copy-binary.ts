/**
 * Rows in COPY's binary format (PostgreSQL docs, "COPY", Binary Format): each value goes as its
 * length and its bytes in the type's binary form. Against the text format, nothing is escaped or
 * parsed (dates, UUIDs, numbers), and text is encoded once, straight into the buffer that goes to
 * the server, instead of into a string that is then encoded again. Used for the bulk writes of a
 * first snapshot (100k accounts, 500k memberships): less work for Node and for PostgreSQL.
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const CHUNK_BYTES = 1 << 16;
/** PostgreSQL's epoch (2000-01-01T00:00:00Z) in Unix milliseconds: timestamps go as microseconds since then. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 2 ** 32;

export class BinaryCopyRows {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private at = 0;
  private full: Buffer[] = [];

  constructor() {
    this.reserve(SIGNATURE.length + 8);
    SIGNATURE.copy(this.buffer, this.at);
    this.at += SIGNATURE.length;
    // Flags (no OIDs), then the length of the header extension: none.
    this.at = this.buffer.writeInt32BE(0, this.at);
    this.at = this.buffer.writeInt32BE(0, this.at);
  }

  /** Starts a row of `fields` values. */
  row(fields: number): void {
    this.reserve(2);
    this.at = this.buffer.writeInt16BE(fields, this.at);
  }

  /** A value already encoded (a constant of every row, a key shared by many). */
  bytes(value: Buffer): void {
    this.reserve(4 + value.length);
    this.at = this.buffer.writeInt32BE(value.length, this.at);
    this.raw(value);
  }

  /** Bytes as they are: a row's start prepared once for many rows (field count and leading values). */
  raw(value: Buffer): void {
    this.reserve(value.length);
    const buffer = this.buffer;
    const n = value.length;
    // Short ones in JS: a call into Buffer.copy costs more than the loop for a few dozen bytes.
    if (n <= 64) for (let i = 0; i < n; i++) buffer[this.at + i] = value[i]!;
    else value.copy(buffer, this.at);
    this.at += n;
  }

  text(value: string): void {
    const n = value.length;
    // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    this.reserve(4 + 3 * n);
    const buffer = this.buffer;
    const start = this.at + 4;
    // ASCII (most DNs, names, logins) is copied in JS: cheaper than a call into the encoder per
    // short value; anything else goes through it.
    let i = 0;
    if (n <= 64) {
      for (; i < n; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        buffer[start + i] = c;
      }
    }
    const written = i === n ? n : buffer.write(value, start, 'utf8');
    buffer.writeInt32BE(written, this.at);
    this.at = start + written;
  }

  null(): void {
    this.reserve(4);
    this.at = this.buffer.writeInt32BE(-1, this.at);
  }

  int4(value: number): void {
    this.reserve(8);
    this.at = this.buffer.writeInt32BE(4, this.at);
    this.at = this.buffer.writeInt32BE(value, this.at);
  }

  bool(value: boolean): void {
    this.reserve(5);
    this.at = this.buffer.writeInt32BE(1, this.at);
    this.at = this.buffer.writeUInt8(value ? 1 : 0, this.at);
  }

  /** Microseconds since 2000-01-01 as a 64-bit integer, written as two 32-bit halves (exact below 2^53). */
  timestamptz(unixMs: number): void {
    const micros = (unixMs - PG_EPOCH_MS) * 1000;
    const high = Math.floor(micros / TWO_32);
    this.reserve(12);
    this.at = this.buffer.writeInt32BE(8, this.at);
    this.at = this.buffer.writeInt32BE(high, this.at);
    this.at = this.buffer.writeUInt32BE(micros - high * TWO_32, this.at);
  }

  /** A UUID's 16 bytes from its text (with or without dashes), parsed in JS: one per account. */
  uuid(value: string): void {
    this.reserve(20);
    const buffer = this.buffer;
    let at = this.at + 4;
    let high = -1;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 0x2d && high < 0 && (i === 8 || i === 13 || i === 18 || i === 23)) continue;
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
      if (digit < 0 || at - this.at - 4 >= 16) throw new RangeError(`"${value}" is not a UUID`);
      if (high < 0) high = digit;
      else {
        buffer[at++] = high * 16 + digit;
        high = -1;
      }
    }
    if (at - this.at - 4 !== 16 || high >= 0) throw new RangeError(`"${value}" is not a UUID`);
    buffer.writeInt32BE(16, this.at);
    this.at = at;
  }

  /** jsonb: a version byte (1), then the JSON text. */
  jsonb(json: string): void {
    this.reserve(5 + 3 * json.length);
    const written = this.buffer.write(json, this.at + 5, 'utf8');
    this.buffer.writeInt32BE(written + 1, this.at);
    this.buffer.writeUInt8(1, this.at + 4);
    this.at += 5 + written;
  }

  /** The chunks filled so far, to send; the rows written next go into new ones. */
  take(): Buffer[] {
    const full = this.full;
    this.full = [];
    return full;
  }

  /** The trailer, and every chunk not taken yet. */
  end(): Buffer[] {
    this.reserve(2);
    this.at = this.buffer.writeInt16BE(-1, this.at);
    this.full.push(this.buffer.subarray(0, this.at));
    this.at = 0;
    return this.take();
  }

  private reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    if (this.at) this.full.push(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, bytes));
    this.at = 0;
  }
}

/** Writes one value of a column; `declared` is how the caller typed it ('jsonb': a value to serialise). */
export type BinaryEncoder = (rows: BinaryCopyRows, value: unknown) => void;

/**
 * The encoder for a column of this type (as `format_type` names it), or null for a type this
 * writer does not know, whose table then goes in the text format. Values are checked as
 * PostgreSQL would check their text: a bad one fails the COPY with what was wrong.
 */
export function binaryEncoder(column: string, pgType: string, declared: string): BinaryEncoder | null {
  const bad = (value: unknown, what: string) => new RangeError(`column ${column}: ${JSON.stringify(value)} is not ${what}`);
  switch (pgType) {
    case 'text':
    case 'character varying':
      return (rows, value) => (value === null || value === undefined ? rows.null() : rows.text(typeof value === 'string' ? value : String(value)));
    case 'integer':
      return (rows, value) => {
        if (value === null || value === undefined) return rows.null();
        const n = typeof value === 'number' ? value : Number(value);
        if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) throw bad(value, 'a 32-bit integer');
        rows.int4(n);
      };
    case 'boolean':
      return (rows, value) => (value === null || value === undefined ? rows.null() : rows.bool(!!value));
    case 'timestamp with time zone':
      return (rows, value) => {
        if (value === null || value === undefined) return rows.null();
        const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
        if (!Number.isFinite(ms)) throw bad(value, 'a date');
        rows.timestamptz(ms);
      };
    case 'uuid':
      return (rows, value) => (value === null || value === undefined ? rows.null() : rows.uuid(String(value)));
    case 'jsonb':
      return (rows, value) => (value === null || value === undefined ? rows.null() : rows.jsonb(declared === 'jsonb' ? JSON.stringify(value) : String(value)));
    default:
      return null;
  }
}

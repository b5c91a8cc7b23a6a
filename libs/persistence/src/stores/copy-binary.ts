/**
 * Rows in COPY's binary format (PostgreSQL docs, "COPY", Binary Format): each value goes as its
 * length and its bytes in the type's binary form. Against the text format, nothing is escaped or
 * parsed (dates, UUIDs, numbers), and text is encoded once, straight into the buffer that goes to
 * the server, instead of into a string that is then encoded again. Used for the bulk writes of a
 * first picture (100k accounts, 500k memberships): less work for Node and for PostgreSQL.
 */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const CHUNK_BYTES = 1 << 16;
/** PostgreSQL's epoch (2000-01-01T00:00:00Z) in Unix milliseconds: timestamps go as microseconds since then. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 2 ** 32;
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

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
    value.copy(this.buffer, this.at);
    this.at += value.length;
  }

  text(value: string): void {
    // At most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
    this.reserve(4 + 3 * value.length);
    const written = this.buffer.write(value, this.at + 4, 'utf8');
    this.buffer.writeInt32BE(written, this.at);
    this.at += 4 + written;
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

  /** A UUID's 16 bytes from its text (with or without dashes). */
  uuid(value: string): void {
    if (!UUID.test(value)) throw new RangeError(`"${value}" is not a UUID`);
    this.reserve(20);
    this.at = this.buffer.writeInt32BE(16, this.at);
    this.at += this.buffer.write(value.length === 36 ? value.replace(/-/g, '') : value, this.at, 16, 'hex');
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

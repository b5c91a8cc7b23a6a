/**
 * The output of `COPY … TO STDOUT` in PostgreSQL's text format (docs, "COPY", Text Format): one row a line, fields
 * separated by tabs, `\N` for null, and a backslash before a backslash or a control character. Read a chunk at a
 * time: each chunk's complete lines are decoded as one string and cut field by field, instead of one string decoded
 * per field of every row as the query protocol's rows are (what made the load of 200k accounts take seconds).
 */
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const NEWLINE = 0x0a;
const CAPITAL_N = 0x4e;
const BATCH_BYTES = 1 << 20;

/**
 * Calls `onRow` with each row's `columns` fields (null for SQL NULL), in the order the server sends them; returns the
 * row count. The array is the same for every row, overwritten by the next: take the values out of it at once.
 */
export async function readCopyText(
  chunks: AsyncIterable<Buffer>,
  columns: number,
  onRow: (fields: Array<string | null>) => void,
  batchBytes = BATCH_BYTES,
): Promise<number> {
  const fields = new Array<string | null>(columns).fill(null);
  let carry: Buffer | null = null;
  let rows = 0;
  for await (const chunk of batched(chunks, batchBytes)) {
    const bytes: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    // Cut after the last complete line, on bytes: a chunk may end inside a line, or inside a character.
    const end = bytes.lastIndexOf(NEWLINE) + 1;
    // A copy: the stream may reuse the chunk's memory.
    carry = end < bytes.length ? Buffer.from(bytes.subarray(end)) : null;
    if (!end) continue;
    const text = bytes.toString('utf8', 0, end);
    // Field by field with indexOf: no array per line, no string per line. `backslash` is the next one in the text:
    // a field before it holds no escape and is taken as it is.
    let backslash = text.indexOf('\\');
    let at = 0;
    while (at < text.length) {
      for (let c = 0; c < columns; c++) {
        const stop = text.indexOf(c === columns - 1 ? '\n' : '\t', at);
        if (stop < 0) throw new Error(`a row of the COPY output has fewer than ${columns} fields`);
        if (backslash < 0 || backslash >= stop) fields[c] = text.substring(at, stop);
        else {
          fields[c] = stop - at === 2 && text.charCodeAt(at + 1) === CAPITAL_N ? null : unescaped(text.substring(at, stop));
          backslash = text.indexOf('\\', stop);
        }
        at = stop + 1;
      }
      onRow(fields);
      rows++;
    }
  }
  if (carry?.length) throw new Error('the COPY output ended inside a row');
  return rows;
}

/**
 * The chunks joined into pieces of a megabyte or so: the string decoded from a piece is then too large for V8's young
 * generation and goes straight to the old one, instead of being copied by each scavenge while its fields (slices of it)
 * live on in the records.
 */
async function* batched(chunks: AsyncIterable<Buffer>, batchBytes: number): AsyncIterable<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= batchBytes) {
      yield Buffer.concat(pending, size);
      pending = [];
      size = 0;
    }
  }
  if (size) yield Buffer.concat(pending, size);
}

/** A field as COPY's text format writes it, unescaped: null for `\N`. */
export function unescaped(field: string): string | null {
  if (!field.includes('\\')) return field;
  return field === '\\N' ? null : field.replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c);
}

/** A string as a literal of SQL (COPY takes no parameters), standard_conforming_strings being on. */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('a NUL character cannot be sent to PostgreSQL');
  return `'${value.replace(/'/g, "''")}'`;
}

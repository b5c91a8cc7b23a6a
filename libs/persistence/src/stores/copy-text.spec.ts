import { readCopyText, sqlLiteral, unescaped } from './copy-text.js';

/** The bytes cut into pieces of `size` (read as batches of that size too): a piece may end inside a row, a field or a character. */
async function* piecesOf(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function rowsOf(text: string, columns: number, size: number): Promise<Array<Array<string | null>>> {
  const rows: Array<Array<string | null>> = [];
  const count = await readCopyText(piecesOf(Buffer.from(text, 'utf8'), size), columns, (fields) => rows.push([...fields]), size);
  expect(count).toBe(rows.length);
  return rows;
}

describe(readCopyText.name, () => {
  // What PostgreSQL writes for ('CN=Zoé,DC=x', NULL, 'a\tb'), ('l\\n', 'ligne 1\nligne 2', ''), ('€', '\N as text', 't').
  const copied = 'CN=Zoé,DC=x\t\\N\ta\\tb\nl\\\\n\tligne 1\\nligne 2\t\n€\t\\\\N as text\tt\n';
  const expected = [
    ['CN=Zoé,DC=x', null, 'a\tb'],
    ['l\\n', 'ligne 1\nligne 2', ''],
    ['€', '\\N as text', 't'],
  ];

  it.each([1, 2, 3, 5, 7, 64, 1 << 16])('reads rows, nulls and escapes whatever the size of the pieces (%s bytes)', async (size) => {
    expect(await rowsOf(copied, 3, size)).toEqual(expected);
  });

  it('reads nothing from an empty output', async () => {
    expect(await rowsOf('', 2, 10)).toEqual([]);
  });

  it('refuses an output that ends inside a row, or a row with too few fields', async () => {
    await expect(rowsOf('a\tb\nc', 2, 3)).rejects.toThrow('the COPY output ended inside a row');
    await expect(rowsOf('a\tb\nc\n', 2, 64)).rejects.toThrow('fewer than 2 fields');
  });
});

describe(unescaped.name, () => {
  it('undoes the escapes of the text format, and reads \\N alone as null', () => {
    expect(unescaped('\\N')).toBeNull();
    expect(unescaped('\\\\N')).toBe('\\N');
    expect(unescaped('a\\\\b\\r\\n\\t\\b\\f\\vc')).toBe('a\\b\r\n\t\b\f\vc');
    expect(unescaped('plain')).toBe('plain');
  });
});

describe(sqlLiteral.name, () => {
  it('doubles quotes and refuses a NUL character', () => {
    expect(sqlLiteral("corp'ad")).toBe("'corp''ad'");
    expect(() => sqlLiteral('a\0b')).toThrow('NUL');
  });
});

import { BinaryCopyRows, binaryEncoder } from './copy-binary.js';

const bytes = (rows: BinaryCopyRows) => Buffer.concat(rows.end());
const HEADER = 19; // signature, flags, header extension length

describe('BinaryCopyRows: rows in the binary format of COPY', () => {
  it('starts with the signature and ends with the trailer', () => {
    const out = bytes(new BinaryCopyRows());
    expect(out.subarray(0, 11)).toEqual(Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'));
    expect(out.readInt32BE(11)).toBe(0);
    expect(out.readInt32BE(15)).toBe(0);
    expect(out.readInt16BE(HEADER)).toBe(-1);
    expect(out.length).toBe(HEADER + 2);
  });

  it('writes each value as its length and its bytes: UTF-8 text, integers, booleans, NULL', () => {
    const rows = new BinaryCopyRows();
    rows.row(4);
    rows.text('Élodie');
    rows.int4(-2147483646);
    rows.bool(true);
    rows.null();
    const out = bytes(rows);
    let at = HEADER;
    expect(out.readInt16BE(at)).toBe(4);
    expect(out.readInt32BE((at += 2))).toBe(7);
    expect(out.subarray(at + 4, at + 11).toString('utf8')).toBe('Élodie');
    expect(out.readInt32BE((at += 11))).toBe(4);
    expect(out.readInt32BE(at + 4)).toBe(-2147483646);
    expect(out.readInt32BE((at += 8))).toBe(1);
    expect(out[at + 4]).toBe(1);
    expect(out.readInt32BE(at + 5)).toBe(-1);
  });

  it('writes timestamps as microseconds since 2000-01-01, before it too, and UUIDs as 16 bytes', () => {
    const rows = new BinaryCopyRows();
    rows.timestamptz(Date.UTC(2026, 10, 29, 5, 0, 0, 123));
    rows.timestamptz(Date.UTC(1601, 0, 1));
    rows.uuid('0f8fad5b-d9cb-469f-a165-70867728950e');
    const out = bytes(rows);
    expect(out.readInt32BE(HEADER)).toBe(8);
    expect(out.readBigInt64BE(HEADER + 4)).toBe(BigInt(Date.UTC(2026, 10, 29, 5, 0, 0, 123) - Date.UTC(2000, 0, 1)) * 1000n);
    expect(out.readBigInt64BE(HEADER + 16)).toBe(BigInt(Date.UTC(1601, 0, 1) - Date.UTC(2000, 0, 1)) * 1000n);
    expect(out.readInt32BE(HEADER + 24)).toBe(16);
    expect(out.subarray(HEADER + 28, HEADER + 44).toString('hex')).toBe('0f8fad5bd9cb469fa16570867728950e');
  });

  it('writes text the same whether it is short ASCII, accented after an ASCII start, or long', () => {
    const values = ['uid=jdoe,ou=people,dc=acme,dc=test', 'cn=Lefèvre\\, Élodie', 'x'.repeat(200), `${'y'.repeat(70)}é`, '', '😀'];
    const rows = new BinaryCopyRows();
    for (const v of values) rows.text(v);
    const out = bytes(rows);
    let at = HEADER;
    for (const v of values) {
      const length = out.readInt32BE(at);
      expect(out.subarray(at + 4, at + 4 + length).toString('utf8')).toBe(v);
      at += 4 + length;
    }
  });

  it('reads UUIDs in either case, with or without dashes, and refuses anything else', () => {
    const hex = (value: string) => {
      const rows = new BinaryCopyRows();
      rows.uuid(value);
      return bytes(rows)
        .subarray(HEADER + 4, HEADER + 20)
        .toString('hex');
    };
    expect(hex('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('0f8fad5bd9cb469fa16570867728950e');
    expect(hex('0f8fad5bd9cb469fa16570867728950e')).toBe('0f8fad5bd9cb469fa16570867728950e');
    for (const bad of [
      '0f8fad5b-d9cb-469f-a165-70867728950',
      '0f8fad5b-d9cb-469f-a165-70867728950e0',
      '0f8fad5bd-9cb-469f-a165-70867728950e',
      'g0f8fad5-d9cb-469f-a165-70867728950e',
      '',
    ]) {
      expect(() => new BinaryCopyRows().uuid(bad)).toThrow(`"${bad}" is not a UUID`);
    }
  });

  it('spreads rows over chunks that take() hands out, each byte once', () => {
    const rows = new BinaryCopyRows();
    const sent: Buffer[] = [];
    const long = 'x'.repeat(40_000);
    for (let i = 0; i < 5; i++) {
      rows.row(1);
      rows.text(long);
      sent.push(...rows.take());
    }
    sent.push(...rows.end());
    expect(sent.length).toBeGreaterThan(1);
    expect(Buffer.concat(sent).length).toBe(HEADER + 5 * (2 + 4 + 40_000) + 2);
  });
});

describe('binaryEncoder: a column by its PostgreSQL type', () => {
  it('refuses what PostgreSQL would refuse, naming the column', () => {
    const rows = new BinaryCopyRows();
    expect(() => binaryEncoder('admin_count', 'integer', 'integer')!(rows, 1.5)).toThrow('column admin_count: 1.5 is not a 32-bit integer');
    expect(() => binaryEncoder('when_created', 'timestamp with time zone', 'timestamptz')!(rows, new Date(Number.NaN))).toThrow(/when_created.*not a date/);
    expect(() => binaryEncoder('object_guid', 'uuid', 'uuid')!(rows, 'not-a-guid')).toThrow('"not-a-guid" is not a UUID');
  });

  it('serialises what the caller declared jsonb, and takes text for jsonb as JSON already', () => {
    const declared = new BinaryCopyRows();
    binaryEncoder('spn', 'jsonb', 'jsonb')!(declared, ['HTTP/web']);
    const asText = new BinaryCopyRows();
    binaryEncoder('spn', 'jsonb', 'text')!(asText, '["HTTP/web"]');
    expect(bytes(declared)).toEqual(bytes(asText));
  });

  it('knows no other type: such a table goes in the text format', () => {
    expect(binaryEncoder('seq', 'bigint', 'integer')).toBeNull();
    expect(binaryEncoder('x', '', 'text')).toBeNull();
  });
});

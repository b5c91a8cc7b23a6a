import { PgSqlClient } from '#vigie/persistence';
import { bulkInsert, type BulkColumn } from '../../libs/persistence/src/stores/sql-bulk.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

interface Row {
  name: string;
  n: number | null;
  on: boolean;
  at: Date | null;
  id: string;
  doc: unknown;
}

const COLUMNS: BulkColumn<Row>[] = [
  { name: 'name', type: 'text', value: (r) => r.name },
  { name: 'n', type: 'integer', value: (r) => r.n },
  { name: 'on', type: 'boolean', value: (r) => r.on },
  { name: 'at', type: 'timestamptz', value: (r) => r.at },
  { name: 'id', type: 'uuid', value: (r) => r.id },
  { name: 'doc', type: 'jsonb', value: (r) => r.doc },
];

const ROWS: Row[] = [
  {
    name: 'cn=Martin\\, Paul\tÉlodie\n😀',
    n: -2147483646,
    on: true,
    at: new Date(Date.UTC(2026, 10, 29, 5, 0, 0, 123)),
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    doc: ['HTTP/web\\01', { a: 'é' }],
  },
  { name: '', n: null, on: false, at: new Date(Date.UTC(1601, 0, 1)), id: 'ffffffff-0000-4000-8000-000000000001', doc: null },
  { name: 'z', n: 0, on: false, at: null, id: '00000000-0000-0000-0000-000000000000', doc: {} },
];

// `vigie sync` writes the snapshot tables by COPY in the binary format: every value must come back
// as the text format (and INSERT) would store it.
describe('bulkInsert through COPY on a real PostgreSQL: binary where the types allow, text otherwise', () => {
  let db: TestDatabase;
  let client: PgSqlClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    for (const table of ['typed', 'typed_ref', 'with_bigint']) {
      const extra = table === 'with_bigint' ? ', big bigint' : '';
      await client.query(
        `CREATE TABLE ${table} (directory varchar(64), run uuid, name text, n integer, "on" boolean, at timestamptz, id uuid, doc jsonb${extra})`,
      );
    }
  });

  afterAll(async () => {
    await client?.close();
    await db?.drop();
  });

  const read = (table: string) =>
    client.query(`SELECT directory, run, name, n, "on", at, id, doc FROM ${table} ORDER BY name`) as Promise<Array<Record<string, unknown>>>;

  it('stores the same values as INSERT … unnest, constants included', async () => {
    const constants = { directory: 'corp', run: '5d0b2a8e-53a3-4f3c-9a43-2f4a1f3d0e11' };
    await client.transaction(async (m) => {
      expect(m.copyFrom).toBeDefined();
      await bulkInsert(m, 'typed', constants, COLUMNS, ROWS);
    });
    await bulkInsert({ query: (sql, p) => client.query(sql, p) }, 'typed_ref', constants, COLUMNS, ROWS);
    const stored = await read('typed');
    expect(stored).toHaveLength(3);
    expect(stored).toEqual(await read('typed_ref'));
    expect(stored[1]).toMatchObject({ name: ROWS[0]!.name, n: -2147483646, on: true, at: ROWS[0]!.at, doc: ROWS[0]!.doc, directory: 'corp' });
  });

  it('falls back to the text format for a table with a column type it does not write', async () => {
    await client.transaction((m) => bulkInsert(m, 'with_bigint', {}, [...COLUMNS, { name: 'big', type: 'integer', value: () => 2 ** 40 }], ROWS));
    expect(await client.query(`SELECT count(*)::int AS n, min(big)::text AS big FROM with_bigint`)).toEqual([{ n: 3, big: String(2 ** 40) }]);
  });

  it('fails the COPY, and writes nothing, on a value its column cannot hold', async () => {
    const bad = [...ROWS.slice(0, 1), { ...ROWS[1]!, n: 2 ** 31 }];
    await expect(client.transaction((m) => bulkInsert(m, 'typed', {}, COLUMNS, bad))).rejects.toThrow('column n: 2147483648 is not a 32-bit integer');
    expect(await read('typed')).toHaveLength(3);
  });
});

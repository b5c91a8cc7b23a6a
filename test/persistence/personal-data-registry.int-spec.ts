import { NOT_PERSONAL, PERSONAL_DATA, registeredColumns } from '#vigie/persistence';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';

/**
 * The personal-data registry against the schema the migrations make: a new table or column that can hold text is
 * either registered with what identifies a person in it and how it is pseudonymised, or declared free of personal
 * data with the reason. Otherwise the access export would not show it and the erasure would leave it behind.
 */
describe('the personal-data registry covers the schema', () => {
  let db: TestDatabase;
  let columns: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const vigie = testVigie({ url: db.url });
    await vigie.dependencies.database(); // applies the migrations
    await vigie.close();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.table_name || '.' || c.column_name AS name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'USER-DEFINED')
        ORDER BY 1`,
    );
    await client.end();
    columns = rows.map((r) => r.name);
  });

  afterAll(() => db?.drop());

  it('names every text and JSON column, as personal or not with why', () => {
    const declared = (name: string) => registeredColumns().includes(name) || name in NOT_PERSONAL || `${name.split('.')[0]}.*` in NOT_PERSONAL;
    expect(columns.filter((c) => !declared(c))).toEqual([]);
  });

  it('names only columns that exist, each in one list', () => {
    const tables = new Set(columns.map((c) => c.split('.')[0]));
    const stale = [...registeredColumns(), ...Object.keys(NOT_PERSONAL)].filter((c) => (c.endsWith('.*') ? !tables.has(c.slice(0, -2)) : !columns.includes(c)));
    expect(stale).toEqual([]);
    expect(registeredColumns().filter((c) => c in NOT_PERSONAL)).toEqual([]);
  });

  it('says what identifies a person in each registered column, and registers each table once', () => {
    expect(PERSONAL_DATA.flatMap((t) => t.columns.filter((c) => !c.holds.length).map((c) => `${t.table}.${c.column}`))).toEqual([]);
    expect(new Set(PERSONAL_DATA.map((t) => t.table)).size).toBe(PERSONAL_DATA.length);
  });
});

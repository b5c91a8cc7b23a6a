import { type ClosableSqlClient, PgPersonalDataStore, openSqlClient } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** The erasure's replacements inside JSON columns, on the real PostgreSQL: JSON stays JSON, numbers stay numbers. */
describe('PgPersonalDataStore.erase inside JSON columns', () => {
  let db: TestDatabase;
  let sql: ClosableSqlClient;
  const none = { employeeIds: [], logins: [], dns: [], names: [], mails: [], directories: [] };

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = await openSqlClient({ url: db.url, dataDir: '' });
    await sql.query(`INSERT INTO audit_run (id, status, as_of) VALUES ('00000000-0000-4000-8000-000000000001', 'succeeded', now())`);
    // An employee id of digits only, as many HR systems give them; the same digits as a number in the evidence.
    await sql.query(
      `INSERT INTO finding (audit_run_id, id, rule, severity, severity_rank, directory, login, subject, message, evidence, explain)
       VALUES ('00000000-0000-4000-8000-000000000001', 'f-1', 'H-PWD-NEVER-EXPIRES', 'medium', 2, 'corp', 'jdupont', $1, 'Password never expires', $2, $3)`,
      [
        JSON.stringify({ type: 'account', directory: 'corp', dn: 'CN=Dupont\\, Jean,OU=Staff,DC=corp', login: 'jdupont', employeeId: '66048' }),
        JSON.stringify({ userAccountControl: 66048, note: 'employee 66048 said "Jean Dupont" \\ ok', jdupont: true }),
        JSON.stringify(['jdupont ∈ GG_Compta (direct)']),
      ],
    );
  });

  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it('replaces the forms in strings and keys, leaves numbers alone, and keeps valid JSON', async () => {
    const store = new PgPersonalDataStore(sql);
    const forms = await store.identify({ ...none, employeeIds: ['66048'] });
    expect(forms).toMatchObject({ logins: ['jdupont'], dns: ['CN=Dupont\\, Jean,OU=Staff,DC=corp'] });
    expect(await store.holdings({ ...forms, names: ['Jean Dupont'] })).toEqual({ finding: 1 });
    const outcome = await store.erase({
      pseudonyms: [],
      accounts: [],
      replacements: [
        { value: 'CN=Dupont\\, Jean,OU=Staff,DC=corp', by: 'CN=erased-1,OU=Staff,DC=corp' },
        { value: 'Jean Dupont', by: 'erased-1' },
        { value: 'jdupont', by: 'erased-1' },
        { value: '66048', by: 'erased-1' },
      ],
      record: { pseudonym: 'p_1', digests: [], forced: false },
    });
    expect(outcome.rows).toEqual({ finding: 1 });
    const [row] = await sql.query(`SELECT login, subject, evidence, explain FROM finding`);
    expect(row).toEqual({
      login: 'erased-1',
      subject: { type: 'account', directory: 'corp', dn: 'CN=erased-1,OU=Staff,DC=corp', login: 'erased-1', employeeId: 'erased-1' },
      evidence: { userAccountControl: 66048, note: 'employee erased-1 said "erased-1" \\ ok', 'erased-1': true },
      explain: ['erased-1 ∈ GG_Compta (direct)'],
    });
  });
});

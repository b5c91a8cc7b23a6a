/**
 * The audit loads the snapshots through COPY … TO STDOUT on PostgreSQL (its text format, decoded here) and through
 * SELECT where there is no COPY (PGlite, a transaction): both must give the same records, field for field, whatever
 * the text holds (tabs, line ends, backslashes, non-ASCII), whatever is null, and whichever directories are asked for.
 */
import { type ClosableSqlClient, PgSnapshotStore, type SqlClient, openSqlClient } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { syncServiceOn } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** What a COPY must carry as it is: its separators and escapes, a text that reads like its null, non-ASCII. */
const AWKWARD = 'mdp: a\\b\tc\nd\r\\N — Élodie ∈ ƒ 😀';

/** The same client without COPY: the SELECT path that PGlite and transactions take. */
function withoutCopy(sql: SqlClient): SqlClient {
  return {
    concurrentTransactions: sql.concurrentTransactions,
    query: (text, parameters) => sql.query(text, parameters),
    transaction: (fn) => sql.transaction(fn),
    createQueryRunner: () => sql.createQueryRunner(),
  };
}

describe('the snapshot load on PostgreSQL, through COPY and through SELECT', () => {
  let db: TestDatabase;
  let sql: ClosableSqlClient;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = await openSqlClient({ url: db.url, dataDir: '' });
    const sync = await syncServiceOn(sql);
    await sync.sync({ kind: 'ldif', name: 'corp', file: fixture('ldif/ok/openldap-every-kind.ldif') });
    await sync.sync({ kind: 'ldif', name: "corp'ad", file: fixture('ldif/ok/ad-every-kind.ldif') });
    // Values no fixture holds: text to escape, a list of service principal names, a date before 1970, a null kept.
    await sql.query(
      `UPDATE account SET description = $1, display_name = '', service_principal_names = '["HTTP/web\\\\01", "cifs/é"]'::jsonb,
              when_created = '1601-01-01T00:00:00.123Z', pwd_last_set = '2026-11-29T05:00:00.987654Z'
        WHERE ctid = (SELECT ctid FROM account WHERE directory = 'corp' ORDER BY dn_norm LIMIT 1)`,
      [AWKWARD],
    );
  });

  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it('offers COPY on the pool, and gives the same snapshots both ways', async () => {
    expect(sql.copyTo).toBeDefined();
    const copied = await new PgSnapshotStore(sql).load();
    const selected = await new PgSnapshotStore(withoutCopy(sql)).load();
    expect(copied.map((s) => s.directory)).toEqual(['corp', "corp'ad"]);
    expect(copied.every((s) => s.accounts.length > 0 && s.memberships.length > 0)).toBe(true);
    expect(copied).toEqual(selected);
    const awkward = copied[0]!.accounts[0]!;
    expect(awkward).toMatchObject({
      description: AWKWARD,
      displayName: '',
      servicePrincipalNames: ['HTTP/web\\01', 'cifs/é'],
      whenCreated: new Date('1601-01-01T00:00:00.123Z'),
      pwdLastSet: new Date('2026-11-29T05:00:00.987Z'),
    });
    // Nulls stay null (an OpenLDAP account has no userAccountControl), empty lists empty.
    expect(copied[0]!.accounts.some((a) => a.userAccountControl === null && a.sidHistory.length === 0)).toBe(true);
  });

  it('loads only the directories asked for, a name with a quote included', async () => {
    const copied = await new PgSnapshotStore(sql).load(["corp'ad"]);
    expect(copied.map((s) => s.directory)).toEqual(["corp'ad"]);
    expect(copied).toEqual(await new PgSnapshotStore(withoutCopy(sql)).load(["corp'ad"]));
    expect(await new PgSnapshotStore(sql).load([])).toEqual([]);
    expect(await new PgSnapshotStore(sql).load(['nowhere'])).toEqual([]);
  });
});

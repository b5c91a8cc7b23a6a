import { readFileSync } from 'node:fs';
import { type LdapDirectorySource } from '#vigie/directory';
import { DataSourceSqlClient, PgSnapshotStore, PgSqlClient, PgSyncRunStore, migrationsApplied, openDataSource } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { syncServiceOn } from '../support/vigie.js';
import { comparable } from '../support/comparable-snapshot.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

// On PostgreSQL the stores run on a plain pg pool (PgSqlClient), writing with COPY; on PGlite on TypeORM's DataSource
// (DataSourceSqlClient), writing with INSERT … unnest. Both must store the same snapshot.
describe("the sync on a plain pg pool and on TypeORM's DataSource", () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let ds: DataSourceSqlClient;
  let client: PgSqlClient;
  let source: LdapDirectorySource;

  beforeAll(async () => {
    [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8') }), createTestDatabase()]);
    client = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    // A new database has no schema: the short path must not run on it.
    expect(await migrationsApplied(client)).toBe(false);
    ds = new DataSourceSqlClient(await openDataSource({ url: db.url, dataDir: '' }));
    expect(await migrationsApplied(client)).toBe(true);
    source = { kind: 'ldap', name: 'corp', url: slapd.url, baseDn: slapd.suffix, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword, pageSize: 3 };
  });

  afterAll(async () => {
    await client?.close();
    await ds?.close();
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  it('stores the same snapshot (escaped and accented DNs, memberships, dates) and the same counts', async () => {
    const viaPg = await syncServiceOn(client);
    const viaTypeorm = await syncServiceOn(ds);
    const first = await viaPg.sync({ ...source, name: 'corp-pg' }, { mode: 'full' });
    // Written while read, groups first: the index by member, dropped for the write, was built again during it.
    expect(await ds.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'membership' AND indexname = 'IDX_membership_member'`)).toHaveLength(1);
    const reference = await viaTypeorm.sync({ ...source, name: 'corp-typeorm' }, { mode: 'full' });
    const store = new PgSnapshotStore(ds);
    const [pg, typeorm] = await store.load(['corp-pg', 'corp-typeorm']);
    expect(pg!.memberships.length).toBeGreaterThan(0);
    expect([...pg!.accounts, ...pg!.groups].some((r) => r.dn.includes('\\'))).toBe(true);
    expect(comparable(pg!)).toEqual(comparable(typeorm!));
    expect(first.stats).toMatchObject({ accounts: reference.stats.accounts, groups: reference.stats.groups, memberships: reference.stats.memberships });
    expect(first.stats).toMatchObject(await store.counts('corp-pg'));
    expect(first.stats).toMatchObject({
      unresolvedMembers: reference.stats.unresolvedMembers,
      added: reference.stats.added,
      membershipsAdded: reference.stats.membershipsAdded,
    });
    // The pg pool wrote its first snapshot while reading (TypeORM's connection cannot stream it).
    expect(await new PgSnapshotStore(ds).openFirstSnapshot('corp-new', first.runId)).toBeNull();
    const writer = await new PgSnapshotStore(client).openFirstSnapshot('corp-new', first.runId);
    expect(writer).not.toBeNull();
    await writer!.abort();
    expect(await new PgSnapshotStore(client).openFirstSnapshot('corp-pg', first.runId)).toBeNull();

    // What an incremental run asks for: by GUID and by DN, each stored row once, whichever criteria it meets.
    const [one, other] = pg!.accounts;
    const found = await new PgSnapshotStore(client).find('corp-pg', {
      guids: [one!.objectGuid!, '00000000-0000-4000-8000-000000000000'],
      dnNorms: [one!.dnNorm, other!.dnNorm, 'uid=nobody,ou=people,dc=acme,dc=test'],
    });
    expect(found.map((r) => [r.table, r.dnNorm, r.objectGuid]).sort()).toEqual(
      [
        ['account', one!.dnNorm, one!.objectGuid],
        ['account', other!.dnNorm, other!.objectGuid],
      ].sort(),
    );

    // An incremental run over it, with a change and a deletion seen by reconciliation: the counts it
    // records (the previous ones plus what changed) are those of the stored snapshot.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    await ldapModify(slapd, 'dn: uid=hlefevre,ou=people,dc=acme,dc=test\nchangetype: delete\n');
    const next = await viaPg.sync({ ...source, name: 'corp-pg' }, { reconcileIntervalMs: 0 });
    expect(next).toMatchObject({ mode: 'incremental', stats: { removed: 1 } });
    expect(next.stats).toMatchObject(await store.counts('corp-pg'));
    const runs = new PgSyncRunStore(client);
    expect(await runs.get(next.runId)).toMatchObject({ status: 'succeeded', mode: 'incremental', stats: { removed: 1 } });
    expect((await runs.state('corp-pg'))?.lastRunId).toBe(next.runId);
  });
});

/**
 * Explanations walk memberships upwards from an account, through the index by member. A large first snapshot writes
 * without it and builds it once at the end (faster than keeping it up to date row by row): it must be there after,
 * and the lookups must use it, whichever way the sync wrote (COPY on the pg pool, INSERT on TypeORM's DataSource, as on PGlite).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSourceSqlClient, PgSqlClient, openDataSource } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { syncServiceOn } from '../support/vigie.js';

const PEOPLE = 10_000;
const GROUPS = 100;
const PER_GROUP = 500; // 50,000 memberships: a first snapshot large enough to rebuild the index

/** An OpenLDAP export of PEOPLE people in GROUPS groups of PER_GROUP members each. */
function bigLdif(base: string): string {
  const out: string[] = [];
  for (let i = 0; i < PEOPLE; i++) out.push(`dn: uid=u${i},ou=people,${base}\nobjectClass: inetOrgPerson\nuid: u${i}\ncn: User ${i}\nsn: ${i}\n`);
  for (let g = 0; g < GROUPS; g++) {
    const members = Array.from({ length: PER_GROUP }, (_, k) => `member: uid=u${(g * 37 + k * 13) % PEOPLE},ou=people,${base}`);
    out.push(`dn: cn=g${g},ou=groups,${base}\nobjectClass: groupOfNames\ncn: g${g}\n${[...new Set(members)].join('\n')}\n`);
  }
  return out.join('\n');
}

describe('the index by member after a first snapshot', () => {
  let db: TestDatabase;
  let ds: DataSourceSqlClient;
  let client: PgSqlClient;
  let dir: string;
  const file = (name: string) => join(dir, name);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSourceSqlClient(await openDataSource({ url: db.url, dataDir: '' }));
    client = await PgSqlClient.connect({ url: db.url, dataDir: '' });
    dir = mkdtempSync(join(tmpdir(), 'vigie-member-index-'));
    writeFileSync(file('big.ldif'), bigLdif('dc=big,dc=test'));
    writeFileSync(
      file('small.ldif'),
      'dn: uid=solo,ou=people,dc=small,dc=test\nobjectClass: inetOrgPerson\nuid: solo\ncn: Solo\nsn: Solo\n\ndn: cn=team,ou=groups,dc=small,dc=test\nobjectClass: groupOfNames\ncn: team\nmember: uid=solo,ou=people,dc=small,dc=test\n',
    );
  });

  afterAll(async () => {
    await client?.close();
    await ds?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const memberIndex = async () =>
    (await ds.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'membership' AND indexname = 'IDX_membership_member'`)) as Array<{ indexdef: string }>;
  const plan = async (directory: string, member: string) => {
    await ds.query('ANALYZE membership');
    const rows = (await ds.query(`EXPLAIN SELECT group_dn_norm FROM membership WHERE directory = '${directory}' AND member_dn_norm = '${member}'`)) as Array<{
      'QUERY PLAN': string;
    }>;
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it.each([
    ["on vigie sync's pg pool (COPY)", 'big-pg', () => client],
    ['on TypeORM (INSERT)', 'big-typeorm', () => ds],
  ])('is there after a first snapshot of 50,000 memberships written %s, and member lookups use it', async (_how, name, sql) => {
    const sync = await syncServiceOn(sql());
    const result = await sync.sync({ kind: 'ldif', name, file: file('big.ldif') });
    expect(result.stats).toMatchObject({ baseline: 1, accounts: PEOPLE, memberships: GROUPS * PER_GROUP });
    expect(await memberIndex()).toEqual([{ indexdef: expect.stringContaining('(directory, member_dn_norm)') }]);
    expect(await plan(name, 'uid=u42,ou=people,dc=big,dc=test')).toMatch(/IDX_membership_member/);
  });

  it('keeps it through a small first snapshot, and the memberships of every directory', async () => {
    const sync = await syncServiceOn(client);
    await sync.sync({ kind: 'ldif', name: 'small', file: file('small.ldif') });
    expect(await memberIndex()).toHaveLength(1);
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM membership`)) as Array<{ n: number }>;
    expect(n).toBe(2 * GROUPS * PER_GROUP + 1);
  });
});

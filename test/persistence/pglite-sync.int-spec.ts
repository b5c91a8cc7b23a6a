import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClosableSqlClient, closeEmbeddedDatabase, PgSnapshotStore, PgSyncChangeStore, openSqlClient } from '#vigie/persistence';
import { syncServiceOn } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/**
 * The sync's writes on the embedded database (what `npm start` and a small installation run on): a second sync
 * that deletes, rewrites and moves rows, and records its changes, through the same bulk statements as PostgreSQL.
 */
describe('sync into the embedded PostgreSQL (PGlite)', () => {
  let dir: string;
  let sql: ClosableSqlClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-pglite-sync-'));
    sql = await openSqlClient({ dataDir: join(dir, 'data') });
  });

  afterAll(async () => {
    await sql?.close();
    await closeEmbeddedDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a second full sync as a delta and records its changes, as on PostgreSQL', async () => {
    const snapshots = new PgSnapshotStore(sql);
    const changes = new PgSyncChangeStore(sql);
    const sync = await syncServiceOn(sql);
    const file = join(dir, 'export.ldif');
    const original = readFileSync(fixture('ldif/ok/ad-every-kind.ldif'), 'utf8');
    writeFileSync(file, original);
    const first = await sync.sync({ kind: 'ldif', name: 'corp', file });
    expect(first.stats).toMatchObject({ baseline: 1, accounts: 4, groups: 6, objects: 6 });

    // Jean's UAC changes, PC042 goes, the newsletter moves to another OU and loses its member.
    const changed = original
      .replace('userAccountControl: 66048', 'userAccountControl: 512')
      .replace(/dn: CN=PC042,OU=Servers,DC=acme,DC=test\n(?:(?!\n\n)[\s\S])*\n\n/, '')
      .replace('dn: CN=Newsletter,OU=Comptabilit\\C3\\A9,DC=acme,DC=test', 'dn: CN=Newsletter,OU=Servers,DC=acme,DC=test')
      .replace('member: CN=O\\+Brien Sean,OU=Comptabilit\\C3\\A9,DC=acme,DC=test\n', '');
    expect(changed).not.toBe(original);
    writeFileSync(file, changed);
    const second = await sync.sync({ kind: 'ldif', name: 'corp', file });
    expect(second.stats).toMatchObject({ baseline: 0, modified: 1, removed: 1, moved: 1, membershipsRemoved: 1, accounts: 3 });
    const found = (await changes.objectChanges(second.runId)).map((c) => `${c.action} ${c.name}`).sort();
    expect(found).toEqual(['modified jdupont', 'moved Newsletter', 'removed PC042$']);
    expect(await changes.membershipChanges(second.runId, { groupDn: 'cn=newsletter,ou=servers,dc=acme,dc=test' })).toEqual([
      expect.objectContaining({ action: 'removed', memberName: 'sobrien', groupName: 'Newsletter' }),
    ]);

    // The stored snapshot is what a first sync of the new export gives.
    await sync.sync({ kind: 'ldif', name: 'check', file });
    const strip = (name: string) =>
      snapshots.load([name]).then(([s]) => ({
        accounts: s!.accounts.map(({ directory: _, ...a }) => a),
        groups: s!.groups.map(({ directory: _, ...g }) => g),
        objects: s!.objects.map(({ directory: _, ...o }) => o),
        memberships: s!.memberships.map((m) => `${m.groupDnNorm} ${m.memberDnNorm}`).sort(),
      }));
    expect(await strip('corp')).toEqual(await strip('check'));
  });
});

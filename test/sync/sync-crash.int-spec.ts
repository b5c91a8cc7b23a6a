/**
 * A sync's rows and its trail entries commit in one transaction: a `vigie sync` killed at the worst moment (its last
 * statement sent, its COMMIT not) leaves neither the snapshot's changes nor their trail entries, and the next sync
 * records both. The process kills itself there (VIGIE_TEST_KILL_BEFORE_COMMIT_OF, a crash-test hook of the unit of
 * work), as a power cut or an OOM kill would.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('vigie sync killed before its commit', () => {
  let db: TestDatabase;
  let dir: string;
  let ldif: string;
  let env: Record<string, string>;
  let client: pg.Client;
  const one = async <T = number>(sql: string, params: unknown[] = []): Promise<T> => Object.values((await client.query(sql, params)).rows[0] as object)[0] as T;
  const counts = async () => ({
    changes: await one<number>(`SELECT count(*)::int FROM sync_change`),
    membershipChanges: await one<number>(`SELECT count(*)::int FROM sync_membership_change`),
    trailChanges: await one<number>(`SELECT count(*)::int FROM trail_entry WHERE action LIKE 'directory.%'`),
    succeeded: await one<number>(`SELECT count(*)::int FROM trail_entry WHERE action = 'sync.succeeded'`),
    title: await one<string | null>(`SELECT max(title) FROM account WHERE login = 'adurand'`),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'vigie-crash-'));
    ldif = join(dir, 'corp.ldif');
    writeFileSync(ldif, readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8'));
    env = { DATABASE_URL: db.url, VIGIE_LDIF_FILE: ldif, VIGIE_LDAP_NAME: 'corp', ...trailKeyEnv() };
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves nothing of a first snapshot killed before its commit, not even its success in the trail', async () => {
    const killed = await runCli(['sync'], { ...env, VIGIE_TEST_KILL_BEFORE_COMMIT_OF: 'sync.succeeded' });
    expect(killed.signal).toBe('SIGKILL');
    expect(await one(`SELECT count(*)::int FROM account`)).toBe(0);
    expect(await one(`SELECT status FROM sync_run`)).toBe('running');
    expect((await counts()).succeeded).toBe(0);

    const first = await runCli(['sync'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(await one(`SELECT count(*)::int FROM account`)).toBe(4);
    // The killed run was marked when the next one started, under the directory's lock.
    expect(await one(`SELECT error FROM sync_run WHERE status = 'failed'`)).toMatch(/interrupted/);
  });

  it('leaves neither the changes nor their trail entries when killed before the commit, and the next sync records both', async () => {
    const before = await counts();
    writeFileSync(
      ldif,
      readFileSync(ldif, 'utf8')
        .replace(/^(dn: uid=adurand,[^\n]*\n(?:[^\n]+\n)*?)title: [^\n]*\n/m, '$1title: Cheffe comptable\n')
        .replace(/^(dn: cn=finance-share-rw,[^\n]*\n)/m, '$1member: uid=hlefevre,ou=people,dc=acme,dc=test\n'),
    );
    const killed = await runCli(['sync'], { ...env, VIGIE_TEST_KILL_BEFORE_COMMIT_OF: 'sync.succeeded' });
    expect(killed.signal).toBe('SIGKILL');
    // Everything was sent, nothing landed: no change, no trail entry, the previous snapshot.
    expect(await counts()).toEqual(before);

    const again = await runCli(['sync'], env);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toMatch(/changes: 0 added, 1 modified, 0 moved, 0 removed; memberships: 1 added, 0 removed/);
    const after = await counts();
    expect(after).toEqual({
      changes: before.changes + 1,
      membershipChanges: before.membershipChanges + 1,
      // One entry per change, landed with it.
      trailChanges: before.trailChanges + 2,
      succeeded: before.succeeded + 1,
      title: 'Cheffe comptable',
    });
    const verify = await runCli(['audit-log', 'verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/The trail verifies/);
  });
});

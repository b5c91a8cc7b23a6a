import { readFileSync } from 'node:fs';
import pg from 'pg';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';
import { trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('vigie sync: full, then incremental, with a summary of the changes', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8') }), createTestDatabase()]);
    env = {
      DATABASE_URL: db.url,
      VIGIE_LDAP_NAME: 'corp',
      VIGIE_LDAP_URL: slapd.url,
      VIGIE_LDAP_BASE_DN: slapd.suffix,
      VIGIE_LDAP_BIND_DN: slapd.rootDn,
      VIGIE_LDAP_BIND_PASSWORD: slapd.rootPassword,
      ...trailKeyEnv(),
    };
  });

  afterAll(async () => {
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  it('makes the first snapshot with a full sync, then syncs incrementally and says what changed', async () => {
    const first = await runCli(['sync'], env);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^corp: 4 accounts, 7 groups, 12 memberships, 2 other objects .* in [\d.]+ s \(full sync, 13 entries read\)$/m);
    expect(first.stdout).toMatch(/first snapshot of this directory: changes are recorded from the next sync on/);

    await ldapModify(slapd, 'dn: uid=adurand,ou=people,dc=acme,dc=test\nchangetype: modify\nreplace: title\ntitle: Cheffe comptable\n');
    const second = await runCli(['sync'], env);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toMatch(/\(incremental sync, \d+ changed entries read\)/);
    expect(second.stdout).toMatch(/changes: 0 added, 1 modified, 0 moved, 0 removed; memberships: 0 added, 0 removed/);

    const full = await runCli(['sync', '--full', '--directory', 'corp'], env);
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(/\(full sync, 13 entries read\)/);
    expect(full.stdout).toMatch(/changes: 0 added, 0 modified, 0 moved, 0 removed/);
  });

  it('refuses an LDIF export where two entries carry the same objectGUID: the GUID, both entries and the file, nothing written', async () => {
    const file = fixture('ldif/not-ok/duplicate-guid.ldif');
    const r = await runCli(['sync'], {
      DATABASE_URL: db.url,
      VIGIE_LDIF_FILE: file,
      VIGIE_LDAP_NAME: 'merged',
      VIGIE_TRAIL_SIGNING_KEY: env.VIGIE_TRAIL_SIGNING_KEY,
      VIGIE_TRAIL_PSEUDONYM_KEY: env.VIGIE_TRAIL_PSEUDONYM_KEY,
    });
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `vigie: sync failed (the previous snapshot is kept):\n  merged: directory "merged" read from ${file}: objectGUID / entryUUID 6a1d2c3b-0000-4000-8000-00000000000a ` +
        "is carried by two entries, CN=Jean Dupont,OU=Finance,DC=acme,DC=test and CN=Jean Dupont 2,OU=Finance,DC=acme,DC=test. Check the export (two exports merged into one?) or the directory's replication\n",
    );
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*) FROM account WHERE directory = 'merged') AS accounts, (SELECT status FROM sync_run WHERE directory = 'merged') AS run`,
      );
      expect(rows).toEqual([{ accounts: '0', run: 'failed' }]);
    } finally {
      await client.end();
    }
  });

  it('names the configured directories when asked for an unknown one', async () => {
    const r = await runCli(['sync', '--directory', 'nope'], env);
    expect(r.code).toBe(1); // not found
    expect(r.stderr).toMatch(/no directory named "nope" in the configuration; configured: corp/);
  });
});

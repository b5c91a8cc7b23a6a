import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { linesHolding, pgDump } from '../support/pg-dump.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';
import { trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const DN = 'uid=hlefevre,ou=people,dc=acme,dc=test';
const FORMS = ['Hélène Lefèvre', 'Helene Lefevre', 'hlefevre', 'helene.lefevre@acme.test', 'E2003', DN];

/**
 * Issue 14, as a user does it with the `vigie` command against a real OpenLDAP: remove the person from the directory,
 * full sync, erase (the README's order); then a full dump of the database holds no form of her identity, the trail
 * verifies, a second erasure says she was erased, and the export says when.
 */
describe('vigie gdpr erase in the README order, against real OpenLDAP and PostgreSQL', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    // Hélène has a mail, and project-y (which reaches the finance share) gives her a finding of every audit run.
    const ldif = readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8')
      .replace('employeeNumber: E2003\n', 'employeeNumber: E2003\nmail: helene.lefevre@acme.test\n')
      .replace('cn: project-y\n', `cn: project-y\nmember: ${DN}\n`);
    [slapd, db] = await Promise.all([startSlapd({ ldif }), createTestDatabase()]);
    dir = mkdtempSync(join(tmpdir(), 'vigie-gdpr-e2e-'));
    env = {
      DATABASE_URL: db.url,
      VIGIE_LDAP_NAME: 'corp',
      VIGIE_LDAP_URL: slapd.url,
      VIGIE_LDAP_BASE_DN: slapd.suffix,
      VIGIE_LDAP_BIND_DN: slapd.rootDn,
      VIGIE_LDAP_BIND_PASSWORD: slapd.rootPassword,
      VIGIE_POLICY_DIR: fixture('policies/ok/company'),
      ...trailKeyEnv(),
    };
  });

  afterAll(async () => {
    await Promise.all([slapd?.stop(), db?.drop()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves none of her forms in a pg_dump, and answers a second erasure and an export with the date she was erased', async () => {
    expect((await runCli(['sync'], env)).code).toBe(0);
    expect((await runCli(['audit', '--format', 'json'], env)).code).toBe(0);
    expect((await runCli(['audit', '--format', 'json'], env)).code).toBe(0);
    const list = await runCli(['findings', 'list', '--json'], env);
    const hers = JSON.parse(list.stdout).findings.find((f: { subject: { login?: string } }) => f.subject.login === 'hlefevre');
    expect(hers).toBeDefined();
    const ack = await runCli(['findings', 'ack', hers.id, '--reason', 'Hélène Lefèvre (HLEFEVRE, e2003, helene.lefevre@acme.test) needs it until June'], env);
    expect(ack.code).toBe(0);

    // Out of the directory: her entry and her memberships, as an administrator removes a leaver.
    await ldapModify(
      slapd,
      [
        `dn: cn=project-y,ou=groups,dc=acme,dc=test\nchangetype: modify\ndelete: member\nmember: ${DN}\n-\n`,
        `dn: cn=staff,ou=groups,dc=acme,dc=test\nchangetype: modify\ndelete: memberUid\nmemberUid: hlefevre\n-\n`,
        // She was its only member, and the group needs one.
        `dn: cn=hr-readers,ou=groups,dc=acme,dc=test\nchangetype: modify\nreplace: uniqueMember\nuniqueMember: uid=adurand,ou=people,dc=acme,dc=test\n-\n`,
        `dn: ${DN}\nchangetype: delete\n`,
      ].join('\n'),
    );
    expect((await runCli(['sync', '--full'], env)).code).toBe(0);
    expect(linesHolding(await pgDump(db.url), FORMS).length).toBeGreaterThan(5);

    const exported = await runCli(
      ['gdpr', 'export', 'hlefevre', '--name', 'Hélène Lefèvre', '--mail', 'helene.lefevre@acme.test', '--output', join(dir, 'before')],
      env,
    );
    expect(exported).toMatchObject({ code: 0, stderr: '' });
    const before = JSON.parse(readFileSync(join(dir, 'before.json'), 'utf8'));
    expect(before.heldIn).toMatchObject({ finding: 2, finding_state: 1, sync_change: 1 });

    const erased = await runCli(['gdpr', 'erase', 'hlefevre', '--name', 'Hélène Lefèvre', '--mail', 'helene.lefevre@acme.test'], env);
    expect(erased).toMatchObject({ code: 0, stderr: '' });
    expect(erased.stdout).toMatch(/"hlefevre" erased as p_[0-9a-f]+: \d+ trail entries scrubbed, rows changed: .*finding 2/);
    expect(linesHolding(await pgDump(db.url), FORMS)).toEqual([]);
    expect((await runCli(['audit-log', 'verify'], env)).code).toBe(0);

    const again = await runCli(['gdpr', 'erase', 'E2003'], env);
    expect(again).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^"E2003" was already erased on \S+ as p_[0-9a-f]+: nothing about them is left to erase\.$/m),
    });
    const after = await runCli(['gdpr', 'export', 'hlefevre', '--lang', 'en', '--output', join(dir, 'after')], env);
    expect(after.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'after.json'), 'utf8'))).toMatchObject({
      erasure: { pseudonym: expect.stringMatching(/^p_/) },
      findings: [],
      accounts: [],
    });
    expect(readFileSync(join(dir, 'after.html'), 'utf8')).toMatch(/Your data was erased on \d{1,2} December 2026/);
  });
});

import { readFileSync } from 'node:fs';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('the vigie command against real OpenLDAP and PostgreSQL', () => {
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
      VIGIE_POLICY_DIR: fixture('policies/ok/company'),
    };
  });

  afterAll(async () => {
    await Promise.all([slapd?.stop(), db?.drop()]);
  });

  it('syncs, audits to the JSON contract, and prints a table', async () => {
    const sync = await runCli(['sync'], env);
    expect(sync).toMatchObject({ code: 0 });
    expect(sync.stdout).toMatch(/^corp: 4 accounts, 7 groups, \d+ memberships/m);

    const audit = await runCli(['audit', '--format', 'json'], env);
    expect(audit.code).toBe(0);
    const report = JSON.parse(audit.stdout);
    expect(report).toEqual({ asOf: expect.any(String), policyVersion: expect.stringMatching(/^[0-9a-f]{64}$/), findings: expect.any(Array) });
    expect(report.findings.map((f: { rule: string; subject: { login: string } }) => `${f.rule}:${f.subject.login}`)).toContain('G-EXCESS-VS-ROLE:bmartin');

    const table = await runCli(['audit', '--format', 'table'], env);
    expect(table.stderr).toMatch(/since the previous audit: 0 new, 0 reopened, 0 resolved; \d+ open/);
    expect(table.stdout).toMatch(/SEVERITY\s+RULE\s+DIRECTORY\s+LOGIN/);
    expect(table.stdout).toMatch(/high\s+G-EXCESS-VS-ROLE\s+corp\s+bmartin\s+share-finance/);
  });

  it('lists the current findings and records a decision taken at the terminal', async () => {
    const list = await runCli(['findings', 'list', '--json', '--rule', 'G-EXCESS-VS-ROLE'], env);
    expect(list.code).toBe(0);
    const [excess] = JSON.parse(list.stdout).findings;
    expect(excess).toMatchObject({ subject: { login: 'bmartin' }, state: { status: 'open' } });
    const ack = await runCli(['findings', 'ack', excess.id, '--reason', 'INC-1234 opened with the sales manager'], env);
    expect(ack).toMatchObject({ code: 0, stdout: expect.stringMatching(/acknowledged by cli:/) });
    const bad = await runCli(['findings', 'accept', excess.id, '--until', 'tomorrow', '--reason', 'legacy accounting tool'], env);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toMatch(/--until expects a date as YYYY-MM-DD/);
    const acked = await runCli(['findings', 'list', '--json', '--status', 'acknowledged'], env);
    expect(JSON.parse(acked.stdout).findings.map((f: { id: string }) => f.id)).toEqual([excess.id]);
  });

  it('creates a token once, and refuses an unknown role', async () => {
    const ok = await runCli(['token', 'create', '--role', 'auditor', '--name', 'ci'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^vig_[A-Za-z0-9_-]{43}$/);
    const bad = await runCli(['token', 'create', '--role', 'superuser'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown role "superuser": expected one of admin, security-officer, auditor/);
  });

  describe('bad input: one clear error, a non-zero exit, stored data unchanged', () => {
    const findingsNow = async () => JSON.parse((await runCli(['audit', '--format', 'json'], env)).stdout).findings.length;

    it('a wrong bind password', async () => {
      const r = await runCli(['sync'], { ...env, VIGIE_LDAP_BIND_PASSWORD: 'not-the-password' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^vigie: sync failed \(the previous picture is kept\):\n\s+corp: bind as cn=admin,dc=acme,dc=test was refused: invalid credentials/);
      expect(r.stderr).not.toContain('not-the-password');
      expect(r.stdout).toBe('');
      expect(await findingsNow()).toBeGreaterThan(0);
    });

    it('an unreachable directory', async () => {
      const r = await runCli(['sync'], { ...env, VIGIE_LDAP_URL: 'ldap://127.0.0.1:1' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/ldap:\/\/127\.0\.0\.1:1/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for an error the user can fix
    });

    it('a malformed LDIF', async () => {
      const r = await runCli(['sync'], { DATABASE_URL: db.url, VIGIE_LDIF_FILE: fixture('ldif/not-ok/missing-colon.ldif'), VIGIE_LDAP_NAME: 'corp' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/missing-colon\.ldif:6: no colon/);
      const audit = await runCli(['audit', '--format', 'json'], env);
      expect(JSON.parse(audit.stdout).findings.map((f: { subject: { login: string } }) => f.subject.login)).toContain('bmartin');
    });

    it('an invalid policy file', async () => {
      const before = await findingsNow();
      const r = await runCli(['audit', '--policies', fixture('policies/not-ok/unknown-field')], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/resources\/shares\.yaml:\d+/);
      expect(r.stderr).toMatch(/criticallity/);
      expect(await findingsNow()).toBe(before);
      const v = await runCli(['policy', 'validate', '--policies', fixture('policies/not-ok/unknown-field')], {});
      expect(v.code).toBe(1);
      expect(v.stderr).toMatch(/criticallity/);
    });

    it('an unreachable database', async () => {
      const r = await runCli(['audit'], { ...env, DATABASE_URL: 'postgres://vigie:s3cret-pw@127.0.0.1:1/vigie' });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot connect to PostgreSQL at 127\.0\.0\.1:1\/vigie: connection refused\. Check DATABASE_URL/);
      expect(r.stderr).not.toContain('s3cret-pw');
    });

    it('an invalid configuration value names the key and stops', async () => {
      const r = await runCli(['sync'], { ...env, VIGIE_HTTP_PORT: 'eighty' });
      expect(r.code).toBe(78);
      expect(r.stderr).toMatch(/http\.port \(env VIGIE_HTTP_PORT\): expected a number, got "eighty"/);
    });

    it('an unknown option', async () => {
      const r = await runCli(['audit', '--formatt', 'json'], env);
      expect(r.code).toBe(64);
      expect(r.stderr).toMatch(/unknown option '--formatt'/);
    });
  });

  it('validates the shipped example policy', async () => {
    const r = await runCli(['policy', 'validate', '--policies', `${REPO_ROOT}/policies`], {});
    expect(r.stderr).toBe('');
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/valid \(\d+ files, \d+ resources, \d+ access rules\)/);
  });
});

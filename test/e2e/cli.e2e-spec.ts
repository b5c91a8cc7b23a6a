import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { trailKeyEnv } from '../support/trail.js';

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
      ...trailKeyEnv(),
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
    expect(table.stdout).toMatch(/SEVERITY\s+RULE\s+DIRECTORY\s+SUBJECT/);
    expect(table.stdout).toMatch(/high\s+G-EXCESS-VS-ROLE\s+corp\s+bmartin\s+share-finance/);
  });

  it('lists the current findings and records a decision taken at the terminal', async () => {
    const list = await runCli(['findings', 'list', '--json', '--rule', 'G-EXCESS-VS-ROLE'], env);
    expect(list.code).toBe(0);
    const [excess] = JSON.parse(list.stdout).findings;
    expect(excess).toMatchObject({ subject: { login: 'bmartin' }, state: { status: 'open' } });
    const shown = await runCli(['findings', 'show', excess.id], { ...env, LANG: 'fr_FR.UTF-8' });
    expect(shown).toMatchObject({ code: 0, stdout: expect.stringContaining('Règle : G-EXCESS-VS-ROLE') });
    expect(shown.stdout.indexOf('OpenLDAP :')).toBeGreaterThan(shown.stdout.indexOf('Comment corriger :'));
    expect(shown.stdout.indexOf('OpenLDAP :')).toBeLessThan(shown.stdout.indexOf('Active Directory :'));
    expect((await runCli(['findings', 'show', 'no-such-id', '--lang', 'en'], env)).stderr).toMatch(/no current finding with id no-such-id/);
    const ack = await runCli(['findings', 'ack', excess.id, '--reason', 'INC-1234 opened with the sales manager'], env);
    expect(ack).toMatchObject({ code: 0, stdout: expect.stringMatching(/acknowledged by cli:/) });
    const bad = await runCli(['findings', 'accept', excess.id, '--until', 'tomorrow', '--reason', 'legacy accounting tool'], env);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/^vigie: until: expected a date, YYYY-MM-DD/);
    const acked = await runCli(['findings', 'list', '--json', '--status', 'acknowledged'], env);
    expect(JSON.parse(acked.stdout).findings.map((f: { id: string }) => f.id)).toEqual([excess.id]);
  });

  it('refuses a findings filter it does not know, naming the accepted values or the unknown rule id', async () => {
    const severity = await runCli(['findings', 'list', '--severity', 'urgent'], env);
    expect(severity).toMatchObject({ code: 65, stdout: '' });
    expect(severity.stderr).toMatch(/^vigie: severity\.0: expected one of critical, high, medium, low, info/);
    const rule = await runCli(['findings', 'list', '--rule', 'G-EXCESS-VS-ROLE,H-BOGUS'], env);
    expect(rule).toMatchObject({ code: 65, stdout: '' });
    expect(rule.stderr).toMatch(/^vigie: rule\.1: unknown rule id H-BOGUS/);
  });

  it('creates a token once, and refuses an unknown role', async () => {
    const ok = await runCli(['token', 'create', '--role', 'auditor', '--name', 'ci'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^vig_[A-Za-z0-9_-]{43}$/);
    const bad = await runCli(['token', 'create', '--role', 'superuser'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/unknown role "superuser": expected one of admin, security-officer, auditor/);
  });

  it('hashes the break-glass password read from standard input, never from the command line, and refuses a short one', async () => {
    const { BreakGlassAccount } = await import('#vigie/access-control');
    const ok = await runCli(['auth', 'hash-password'], env, undefined, undefined, 'a passphrase for the safe 2026\n');
    expect(ok.code).toBe(0);
    const hash = ok.stdout.trim();
    expect(hash).toMatch(/^\$argon2id\$/);
    const glass = new BreakGlassAccount({ enabled: true, login: 'vigie-break-glass', passwordHash: hash });
    expect(await glass.verify('vigie-break-glass', 'a passphrase for the safe 2026')).toBe(true);
    const short = await runCli(['auth', 'hash-password'], env, undefined, undefined, 'hunter2\n');
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/at least 16 characters/);
    expect(short.stderr + short.stdout).not.toContain('hunter2');
  });

  it('keeps a trail of what the commands did, verifies it, signs it, exports it and refuses a bad export', async () => {
    const verify = await runCli(['audit-log', 'verify'], env);
    expect(verify.stdout).toMatch(/^operation ok +\d+ entries checked from the start of the chain/m);
    expect(verify.stdout).toMatch(/The trail verifies/);
    expect(verify.code).toBe(0);

    const cp = await runCli(['audit-log', 'checkpoint'], env);
    expect(cp.code).toBe(0);
    const checkpoints = cp.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(checkpoints.map((c: { chain: string }) => c.chain).sort()).toEqual(['change', 'operation']);
    const from = await runCli(['audit-log', 'verify', '--from', checkpoints[0].id], env);
    expect(from).toMatchObject({ code: 0 });

    const jsonl = await runCli(['audit-log', 'export', '--format', 'jsonl'], env);
    expect(jsonl.code).toBe(0);
    const records = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.filter((r) => r.record === 'entry').map((r) => r.action)).toEqual(
      expect.arrayContaining(['api-token.created', 'sync.started', 'sync.succeeded', 'audit-run.succeeded', 'policy.version-loaded']),
    );
    const token = records.find((r) => r.action === 'api-token.created');
    expect(token).toMatchObject({ actor: { type: 'system', id: 'cli' }, correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/), labels: { name: 'ci' } });
    expect(jsonl.stderr).toMatch(/entries exported, proved by checkpoint/);

    const csv = await runCli(['audit-log', 'export', '--format', 'csv', '--kind', 'operation'], env);
    expect(csv.stdout.split('\n')[0]).toMatch(/^record,chain,seq,at,/);
    const bad = await runCli(['audit-log', 'export', '--format', 'xml'], env);
    expect(bad).toMatchObject({ code: 65 });
    expect(bad.stderr).toMatch(/format: expected one of jsonl, csv/);
    const badTime = await runCli(['audit-log', 'export', '--from', 'last tuesday'], env);
    expect(badTime.stderr).toMatch(/from: expected an ISO 8601 date or time/);

    const prune = await runCli(['audit-log', 'prune'], env);
    expect(prune.code).toBe(0);
    expect(prune.stdout).toMatch(/^operation: nothing older than 365 days$/m);
    const shortRetention = await runCli(['audit-log', 'prune', '--kind', 'access'], { ...env, VIGIE_TRAIL_RETENTION_ACCESS_DAYS: '30' });
    expect(shortRetention.stderr).toMatch(/warning: R-LOG-RETENTION: access entries of the trail are kept 30 days, less than the 6 months the CNIL recommends/);
  });

  it('answers a data subject: export as JSON and HTML, then erasure that keeps the trail verifiable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-gdpr-'));
    try {
      const exp = await runCli(['gdpr', 'export', 'hlefevre', '--output', join(dir, 'hlefevre')], env);
      expect(exp.stderr).toBe('');
      expect(exp.code).toBe(0);
      expect(exp.stdout).toMatch(/1 accounts, \d+ group memberships/);
      const report = JSON.parse(readFileSync(join(dir, 'hlefevre.json'), 'utf8'));
      expect(report.identity.displayNames).toEqual(['Hélène Lefèvre']);
      expect(readFileSync(join(dir, 'hlefevre.html'), 'utf8')).toContain('<h1>Données personnelles détenues par Vigie sur Hélène Lefèvre</h1>');
      expect((await runCli(['gdpr', 'export', 'hlefevre', '--lang', 'en', '--output', join(dir, 'en')], env)).code).toBe(0);
      expect(readFileSync(join(dir, 'en.html'), 'utf8')).toContain('<h1>Personal data held by Vigie about Hélène Lefèvre</h1>');
      const badLang = await runCli(['gdpr', 'export', 'hlefevre', '--lang', 'de', '--output', join(dir, 'de')], env);
      expect(badLang).toMatchObject({ code: 64, stderr: expect.stringContaining('--lang: expected one of fr, en, not "de"') });

      const refused = await runCli(['gdpr', 'erase', 'hlefevre'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/still in the directory \(corp: hlefevre\): the next sync would bring their data back/);
      const erased = await runCli(['gdpr', 'erase', 'hlefevre', '--force'], env);
      expect(erased.code).toBe(0);
      expect(erased.stdout).toMatch(/"hlefevre" erased as p_[0-9a-f]+/);
      expect((await runCli(['audit-log', 'verify'], env)).code).toBe(0);
      const again = await runCli(['gdpr', 'erase', 'hlefevre', '--force'], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/"hlefevre" was already erased on \S+ as p_[0-9a-f]+: nothing about them is left to erase/);
      const unknown = await runCli(['gdpr', 'export', 'nobody-at-all'], env);
      expect(unknown.stderr).toMatch(/Vigie holds nothing about "nobody-at-all"/);
      // The next sync brings her back from the directory, as the README says.
      await runCli(['sync'], env);
      expect((await runCli(['gdpr', 'export', 'hlefevre', '--output', join(dir, 'again')], env)).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Exit codes by kind of error (libs/application/src/process/exit-codes.ts): 64 usage, 65 invalid input,
  // 69 a server unavailable, 78 configuration, 1 for the rest.
  describe('bad input: one clear error, a non-zero exit, stored data unchanged', () => {
    const findingsNow = async () => JSON.parse((await runCli(['audit', '--format', 'json'], env)).stdout).findings.length;

    it('a wrong bind password', async () => {
      const r = await runCli(['sync'], { ...env, VIGIE_LDAP_BIND_PASSWORD: 'not-the-password' });
      expect(r.code).toBe(78); // the bind DN and password are the configuration's
      expect(r.stderr).toMatch(
        /^vigie: sync failed \(the previous snapshot is kept\):\n\s+corp: bind as cn=admin,dc=acme,dc=test was refused: invalid credentials/,
      );
      expect(r.stderr).not.toContain('not-the-password');
      expect(r.stdout).toBe('');
      expect(await findingsNow()).toBeGreaterThan(0);
    });

    it('an unreachable directory', async () => {
      const r = await runCli(['sync'], { ...env, VIGIE_LDAP_URL: 'ldap://127.0.0.1:1' });
      expect(r.code).toBe(69);
      expect(r.stderr).toMatch(/ldap:\/\/127\.0\.0\.1:1/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace for an error the user can fix
    });

    it('a malformed LDIF', async () => {
      const r = await runCli(['sync'], {
        DATABASE_URL: db.url,
        VIGIE_LDIF_FILE: fixture('ldif/not-ok/missing-colon.ldif'),
        VIGIE_LDAP_NAME: 'corp',
        VIGIE_TRAIL_SIGNING_KEY: env.VIGIE_TRAIL_SIGNING_KEY,
        VIGIE_TRAIL_PSEUDONYM_KEY: env.VIGIE_TRAIL_PSEUDONYM_KEY,
      });
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/missing-colon\.ldif:6: no colon/);
      const audit = await runCli(['audit', '--format', 'json'], env);
      expect(JSON.parse(audit.stdout).findings.map((f: { subject: { login: string } }) => f.subject.login)).toContain('bmartin');
    });

    it('an invalid policy file', async () => {
      const before = await findingsNow();
      const r = await runCli(['audit', '--policies', fixture('policies/not-ok/unknown-field')], env);
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/resources\/shares\.yaml:\d+/);
      expect(r.stderr).toMatch(/criticallity/);
      expect(await findingsNow()).toBe(before);
      const v = await runCli(['policy', 'validate', '--policies', fixture('policies/not-ok/unknown-field')], {});
      expect(v.code).toBe(65);
      expect(v.stderr).toMatch(/criticallity/);
    });

    it('an unreachable database', async () => {
      // audit starts the application (Nest), sync only a pg pool: the same message, and no log line before it.
      for (const command of ['audit', 'sync']) {
        const r = await runCli([command], { ...env, DATABASE_URL: 'postgres://vigie:s3cret-pw@127.0.0.1:1/vigie' });
        expect(r.code).toBe(69);
        expect(r.stderr).toMatch(/^vigie: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/vigie: connection refused\. Check DATABASE_URL .*\n$/);
        expect(r.stderr).not.toContain('s3cret-pw');
      }
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

import { execFileSync } from 'node:child_process';
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoDirectory } from '../../apps/cli/src/demo/demo-directory.generator.js';
import { GROUP_REFERENCE_CASES, tableLdif, tablePolicyFiles } from '#vigie/access/testing';
import { REPO_ROOT, runCli } from '../support/cli.js';
import { createTestDatabase } from '../support/database.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const shipped = join(REPO_ROOT, 'policies');

/** `vigie policy ...` as a user runs it: the built CLI, real files, real git, a real PostgreSQL. */
describe('vigie policy', () => {
  let scratch: string;
  let acmeLdif: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'vigie-policy-e2e-'));
    acmeLdif = join(scratch, 'acme.ldif');
    await writeFile(acmeLdif, generateDemoDirectory({ now: new Date() }).ldif);
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  describe('validate', () => {
    it('accepts the shipped policy, every group name found in the demo directory', async () => {
      const r = await runCli(['policy', 'validate', '--policies', shipped, '--directory', acmeLdif], {});
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /valid \(\d+ files, \d+ resources, \d+ access rules\), 2 SoD rules, version [0-9a-f]{12}\n {2}group names: checked against the LDIF export .*acme\.ldif \(\d+ groups\)\n$/,
      );
    });

    it('warns, valid all the same, about conditions no account of the directory meets and service accounts it does not have', async () => {
      const r = await runCli(
        ['policy', 'validate', '--policies', fixture('policies/ok/directory-mismatch'), '--directory', fixture('ldif/ok/openldap-company.ldif')],
        {},
      );
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/directory-mismatch: valid \(/);
      const warnings = r.stderr.trimEnd().split('\n');
      expect(warnings.map((line) => line.replace(/: no account .*|: (service account|external person|login) .*/s, ''))).toEqual([
        'warning: access-rules/departments.yaml:7:25  rules[0].when.department',
        'warning: access-rules/departments.yaml:12:37  rules[1].when.department.$in[1]',
        'warning: access-rules/departments.yaml:17:34  rules[2].when.$and[0].department',
        'warning: externals/contractors.yaml:4:14  externals[0].login',
        'warning: grants/closing.yaml:5:31  grants[1].to.login',
        'warning: settings/settings.yaml:4:5  serviceAccounts[0]',
      ]);
      expect(warnings[0]).toMatch(
        /no account has department "Comptabilité", so this never matches \(department values in the LDIF export .*: Commercial, Finance, RH\)$/,
      );
    });

    it('reports every mistake with its file and line: unknown field, wrong type, unknown resource and group, unsupported operator, YAML syntax', async () => {
      const r = await runCli(
        ['policy', 'validate', '--policies', fixture('policies/not-ok/every-mistake'), '--directory', fixture('ldif/ok/openldap-company.ldif')],
        {},
      );
      expect(r.code).toBe(65); // invalid input (EX_DATAERR)
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(
        /^vigie: .*every-mistake is invalid \(7 problems; group names checked against the LDIF export .*openldap-company\.ldif \(7 groups\)\):$/,
      );
      expect(lines.slice(1).map((line) => line.trim().replace(/: .*/s, ''))).toEqual([
        'access-rules/rules.yaml:9:18  rules[0].where.id',
        'access-rules/rules.yaml:13:29  rules[1].where.name.$like',
        'resources/shares.yaml:13:11  resources[1].name',
        'resources/shares.yaml:14:5  resources[1].criticallity',
        'resources/shares.yaml:16:14  resources[1].grants.read[0]',
        'settings/settings.yaml:6:1  Flow map in block collection must be sufficiently indented and end with a }',
        'sod/sod.yaml:10:18  rules[0].entitlements[2].group',
      ]);
      expect(r.stderr).toContain('unknown resource id "share-finanse"');
      expect(r.stderr).toContain('unsupported operator $like; allowed operators: $eq');
      expect(r.stderr).toContain('expected a string, got number 42');
      expect(r.stderr).toContain('unknown field "criticallity"; expected one of: id, type, name, owner, criticality');
      expect(r.stderr).toContain('unknown group "hr-readerz"');
      expect(r.stderr).toContain('unknown group "payroll-team"');
    });

    it('reads group names as the audit does: Everyone, Authenticated Users, SIDs and DNs are known, and each unknown one says why', async () => {
      const dir = join(scratch, 'group-references');
      for (const file of tablePolicyFiles('corp-ad')) {
        await mkdir(join(dir, file.path, '..'), { recursive: true });
        await writeFile(join(dir, file.path), file.bytes);
      }
      const r = await runCli(['policy', 'validate', '--policies', dir, '--directory', tableLdif('corp-ad')], {});
      expect(r.code).toBe(65);
      const cases = GROUP_REFERENCE_CASES.filter((c) => c.directory === 'corp-ad');
      const reported = [...r.stderr.matchAll(/resources\[(\d+)\]\.grants\.read\[0\]: unknown group "/g)].map((m) => cases[Number(m[1])].ref);
      expect(reported).toEqual(cases.filter((c) => c.answer === 'unknown').map((c) => c.ref));
      for (const known of ['Everyone', 'S-1-1-0', 'Authenticated Users', 's-1-5-11', 'Domain Users'])
        expect(r.stderr).not.toContain(`unknown group "${known}"`);
      expect(r.stderr).toContain('unknown group "CN=Jean Dupont,OU=People,DC=corp,DC=test": this names an account of the LDIF export');
    });

    it('checks the group names against the synchronised directory when a database exists', async () => {
      const db = await createTestDatabase();
      try {
        const env = { DATABASE_URL: db.url, VIGIE_LDIF_FILE: fixture('ldif/ok/openldap-company.ldif'), VIGIE_LDAP_NAME: 'corp' };
        expect((await runCli(['sync'], env)).code).toBe(0);
        const ok = await runCli(['policy', 'validate', '--policies', fixture('policies/ok/company')], env);
        expect(ok.stdout).toMatch(/group names: checked against directory corp \(7 groups\)/);
        expect(ok.code).toBe(0);
        const bad = await runCli(['policy', 'validate', '--policies', fixture('policies/not-ok/every-mistake')], env);
        expect(bad.code).toBe(65);
        expect(bad.stderr).toMatch(
          /resources\/shares\.yaml:16:14 {2}resources\[1\]\.grants\.read\[0\]: unknown group "hr-readerz": no group of directory corp has this name or DN/,
        );
        const offline = await runCli(['policy', 'validate', '--offline', '--policies', fixture('policies/not-ok/every-mistake')], env);
        expect(offline.stderr).not.toContain('unknown group');
        expect(offline.stderr).toContain('unknown resource id "share-finanse"');
      } finally {
        await db.drop();
      }
    });
  });

  describe('YAML aliases', () => {
    it('refuses a "billion laughs" in a policy file at once, with its file and line', async () => {
      const started = Date.now();
      const r = await runCli(['policy', 'validate', '--offline', '--policies', fixture('policies/not-ok/alias-bomb')], {});
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(
        /^vigie: .*alias-bomb is invalid \(1 problem; group names not checked \(--offline\)\):\n {2}resources\/shares\.yaml:20:19 {2}the alias \*c multiplies the data beyond 100 copies/,
      );
      expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
    });

    it('refuses an alias inside the node it names', async () => {
      const r = await runCli(['policy', 'validate', '--offline', '--policies', fixture('policies/not-ok/alias-cycle')], {});
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/\n {2}access-rules\/departments\.yaml:9:47 {2}the alias \*where is inside the node it names \(&where\)/);
    });

    it('reports a "billion laughs" in a test suite as an error of that suite', async () => {
      const r = await runCli(['policy', 'test', '--policies', fixture('policies/not-ok/alias-bomb-in-suite')], {});
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        /Suites with errors \(their tests did not run\):\n {2}access-rules\/shares_test\.yaml:8:28 {2}the alias \*c multiplies the data beyond 100 copies/,
      );
      expect(r.stderr).not.toMatch(/unexpected error/);
    });
  });

  describe('test', () => {
    it('passes on the shipped policy, every access rule tested both ways and every SoD rule exercised', async () => {
      const r = await runCli(['policy', 'test', '--policies', shipped, '--require-coverage'], {});
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Access rules with an allowed and a denied test: (\d+) of \1$/m);
      expect(r.stdout).toMatch(/^SoD rules with a findings test: 2 of 2$/m);
      expect(r.stdout).toMatch(/^(\d+) tests: \1 passed, 0 failed \(policy [0-9a-f]{16}\)$/m);
      expect(r.stdout).not.toMatch(/FAIL/);
    });

    it('fails on a failing case, saying which, where and why', async () => {
      const r = await runCli(['policy', 'test', '--policies', fixture('policies/not-ok/failing-tests')], {});
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        [
          '  FAIL  HR writes its share (wrong: HR only reads)',
          '        at access-rules/departments_test.yaml:9',
          '        write on share-hr: expected allowed, got denied by default: no rule allows it',
          '  FAIL  a sales member of the finance group is reported',
          '        at access-rules/departments_test.yaml:14',
          '        missing finding: G-EXCESS-VS-ROLE bmartin share-hr',
        ].join('\n'),
      );
      expect(r.stdout).toMatch(/3 tests: 1 passed, 2 failed/);
    });

    it('gives JSON for tools, and fails when some rule has no test and coverage is required', async () => {
      const r = await runCli(['policy', 'test', '--policies', fixture('policies/not-ok/failing-tests'), '--format', 'json', '--require-coverage'], {});
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report).toMatchObject({ passed: 1, failed: 2, errors: [] });
      expect(report.coverage.accessRules).toEqual([
        expect.objectContaining({ line: 4, allowed: true, denied: false }),
        expect.objectContaining({ line: 9, allowed: true, denied: false }),
      ]);
      expect(r.stderr).toMatch(/some rules have no test/);
    });

    it('fails when there is nothing to test', async () => {
      const r = await runCli(['policy', 'test', '--policies', fixture('policies/ok/company')], {});
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no \*_test\.yaml suite in .*company: nothing was tested/);
    });

    it('refuses an invalid policy before running anything', async () => {
      const r = await runCli(['policy', 'test', '--policies', fixture('policies/not-ok/unknown-field')], {});
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/resources\/shares\.yaml:\d+:\d+ .*criticallity/);
    });
  });

  describe('simulate', () => {
    let candidate: string;
    beforeAll(async () => {
      // The change under review: Direction loses its read-everything rule, Sales may write the Finance share.
      candidate = join(scratch, 'candidate');
      await cp(shipped, candidate, { recursive: true });
      await rm(join(candidate, 'access-rules', 'direction.yaml'));
      await rm(join(candidate, 'access-rules', 'direction_test.yaml'));
      await appendFile(
        join(candidate, 'access-rules', 'personal-data.yaml'),
        '\n  - description: Sales may write the Finance share (trial)\n    when: { department: Commercial }\n    can: [write]\n    on: share\n    where: { id: share-finance }\n',
      );
    });

    it('offline on an LDIF export: the findings that would appear and disappear, the access that changes', async () => {
      const r = await runCli(['policy', 'simulate', '--base', shipped, '--policies', candidate, '--directory', acmeLdif, '--format', 'json'], {});
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout);
      // Every member of the executive committee reads the Finance share through GG_Direction: no rule allows it any more.
      // Every member of the executive committee reads the Finance share through GG_Direction: no rule allows it any more.
      const direction = generateDemoDirectory({ now: new Date() }).ldif.match(/^department: Direction$/gm)!.length;
      expect(direction).toBeGreaterThan(3);
      expect(s.findings.appeared.map((f: { rule: string; resource: { id: string } }) => `${f.rule} ${f.resource.id}`)).toEqual(
        Array(direction).fill('G-EXCESS-VS-ROLE share-finance'),
      );
      const excess = generateDemoDirectory({ now: new Date() }).planted.filter(
        (p) => p.rule === 'G-EXCESS-VS-ROLE' && p.login && p.resourceId === 'share-finance',
      );
      const commercial = excess.filter((p) => /\(Commercial\)/.test(p.note)).map((p) => p.login);
      expect(s.findings.disappeared.map((f: { subject: { login: string } }) => f.subject.login)).toEqual(commercial);
      expect(s.access.becomeNonCompliant).toHaveLength(direction);
      expect(s.access.becomeCompliant).toEqual([
        expect.objectContaining({
          login: commercial[0],
          level: 'write',
          before: 'not allowed',
          after: 'allowed',
          rule: expect.stringMatching(/^access-rules\/personal-data\.yaml:\d+ Sales may write the Finance share \(trial\)$/),
        }),
      ]);
      expect(s.current.version).not.toBe(s.candidate.version);
    });

    it('with a git ref of the repository holding the policy, on the synchronised directory', async () => {
      const repo = join(scratch, 'repo');
      const policies = join(repo, 'policies');
      await cp(shipped, policies, { recursive: true });
      const git = (...args: string[]) =>
        execFileSync('git', ['-C', repo, '-c', 'user.name=CI', '-c', 'user.email=ci@vigie.invalid', ...args], { encoding: 'utf8' });
      git('init', '--quiet', '--initial-branch=main');
      git('add', '.');
      git('commit', '--quiet', '-m', 'policy');
      git('checkout', '--quiet', '-b', 'loosen-hr');
      const hrRule = join(policies, 'access-rules', 'personal-data.yaml');
      await writeFile(hrRule, (await readFile(hrRule, 'utf8')).replace('department: RH', 'department: { $in: [RH, Finance] }'));
      git('commit', '--quiet', '-am', 'Finance may write the HR share');
      git('checkout', '--quiet', 'main');

      const db = await createTestDatabase();
      try {
        const env = { DATABASE_URL: db.url, VIGIE_LDIF_FILE: acmeLdif, VIGIE_LDAP_NAME: 'acme-ad', VIGIE_POLICY_DIR: policies };
        expect((await runCli(['sync'], env)).code).toBe(0);
        const r = await runCli(['policy', 'simulate', '--policies', 'loosen-hr'], env);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^Policy simulation on acme-ad \(\d+ accounts, synced .*\), as of /);
        expect(r.stdout).toMatch(/candidate {2}[0-9a-f]{16} {2}\d+ findings {2}loosen-hr \([0-9a-f]{12}\):policies\//);
        // The planted Finance accountant who kept the HR group: her HR access is now allowed, the SoD conflict stays.
        const cover = generateDemoDirectory({ now: new Date() }).planted.find((p) => p.rule === 'G-SOD')!.login!;
        expect(r.stdout).toMatch(new RegExp(`Findings that would disappear \\(1\\):\\n.*\\n {2}high +G-EXCESS-VS-ROLE +acme-ad +${cover} +share-rh `));
        expect(r.stdout).toMatch(
          new RegExp(`Access that would become compliant \\(1\\):\\n.*\\n {2}acme-ad +${cover} +share-rh +write +not allowed -> allowed`),
        );
        expect(r.stdout).toContain('Findings that would appear: none');

        const unknown = await runCli(['policy', 'simulate', '--policies', 'no-such-branch'], env);
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toMatch(/^vigie: "no-such-branch" is neither a policy directory nor a git ref of the repository .*repo\n$/);
        const missing = await runCli(['policy', 'simulate', '--policies', 'loosen-hr', '--directory', 'corp'], env);
        expect(missing.code).toBe(1);
        expect(missing.stderr).toMatch(/no synchronised directory named "corp"; synchronised: acme-ad/);
      } finally {
        await db.drop();
      }
    });

    it('refuses an invalid candidate, saying which policy and where', async () => {
      const r = await runCli(['policy', 'simulate', '--base', shipped, '--policies', fixture('policies/not-ok/unknown-field'), '--directory', acmeLdif], {});
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(
        /^vigie: the candidate policy \(.*unknown-field\) is invalid; fix it and run `vigie policy validate`:\n {2}resources\/shares\.yaml:\d+:\d+ /,
      );
    });
  });

  describe('the service when the policy directory breaks', () => {
    it('keeps auditing with the last valid policy stored in the database; an explicit --policies still fails', async () => {
      const db = await createTestDatabase();
      const dir = join(scratch, 'live-policies');
      await cp(fixture('policies/ok/company'), dir, { recursive: true });
      try {
        const env = { DATABASE_URL: db.url, VIGIE_LDIF_FILE: fixture('ldif/ok/openldap-company.ldif'), VIGIE_LDAP_NAME: 'corp', VIGIE_POLICY_DIR: dir };
        expect((await runCli(['sync'], env)).code).toBe(0);
        const first = await runCli(['audit', '--format', 'json'], env);
        expect(first.code).toBe(0);
        const version = JSON.parse(first.stdout).policyVersion;

        await writeFile(join(dir, 'resources', 'shares.yaml'), 'apiVersion: vigie.dev/v1\nkind: ResourceList\nresources: [\n');
        const fallback = await runCli(['audit', '--format', 'json'], env);
        expect(fallback.code).toBe(0);
        expect(JSON.parse(fallback.stdout).policyVersion).toBe(version);
        expect(fallback.stderr).toMatch(/the policy directory is invalid: auditing with the last valid version/);
        expect(fallback.stderr).toContain('resources/shares.yaml:4');

        const strict = await runCli(['audit', '--policies', dir], env);
        expect(strict.code).toBe(65);
        expect(strict.stderr).toMatch(/resources\/shares\.yaml:4:1/);

        const status = await runCli(['policy', 'status'], env);
        expect(status.code).toBe(0);
        const short = version.slice(0, 16);
        expect(status.stdout).toMatch(new RegExp(`^policy directory {3}.*live-policies: INVALID \\(3 problems; run \`vigie policy validate\`\\)\n`));
        expect(status.stdout).toMatch(new RegExp(`\nlast valid stored {2}${short} from .*live-policies, last loaded `));
        expect(status.stdout).toMatch(
          new RegExp(
            `\nlast failed load {3}\\S+ .*live-policies: 3 problem\\(s\\), audited with ${short}\n {2}access-rules/departments.yaml:\\d+:\\d+ .*\n {2}access-rules/departments.yaml:\\d+:\\d+ .*\n {2}resources/shares.yaml:4:1 `,
          ),
        );
      } finally {
        await db.drop();
      }
    });
  });
});

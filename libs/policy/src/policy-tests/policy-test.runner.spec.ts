import { fileURLToPath } from 'node:url';
import { PolicyValidationError } from '../policy-validation.error.js';
import { formatPolicyTestReport, isFullyCovered } from './policy-test-report.formatter.js';
import { type FindingsOracle, runPolicyTests } from './policy-test.runner.js';

const fixture = (name: string) => fileURLToPath(new URL(`../__fixtures__/${name}`, import.meta.url));

// The runner is the unit under test: this oracle stands in for the audit engine, which the CLI plugs in.
const sodOracle: FindingsOracle = ({ directory }) =>
  directory.accounts
    .filter((account) => account.memberOf.length > 1)
    .map((account) => ({ rule: 'G-SOD', login: account.login, resource: null, severity: 'high', sodRule: 'payroll-and-payments', message: 'conflict' }));

describe(runPolicyTests.name, () => {
  it('runs every case of the suites beside the policy, and says which failed, where and why', async () => {
    const report = await runPolicyTests(fixture('ok/acme'), { oracle: sodOracle });
    expect(report.errors).toEqual([]);
    expect([report.passed, report.failed]).toEqual([5, 1]);
    const [suite] = report.suites;
    expect(suite.file).toBe('access-rules/baseline_test.yaml');
    expect(suite.results.find((result) => !result.passed)).toEqual({
      name: 'this one is wrong on purpose',
      file: 'access-rules/baseline_test.yaml',
      line: 27,
      passed: false,
      failures: ['read on share-hr: expected allowed, got denied by access-rules/baseline.yaml:38 "Nobody outside HR reaches health data"'],
    });
  });

  it('compares the findings of a fragment both ways: missing and unexpected', async () => {
    const extra: FindingsOracle = (input) => [
      ...sodOracle(input),
      { rule: 'G-EXCESS-VS-ROLE', login: 'alice', resource: 'share-hr', severity: 'high', message: 'not allowed' },
    ];
    const wrongRule: FindingsOracle = () => [];
    const failuresWith = async (oracle?: FindingsOracle) =>
      (await runPolicyTests(fixture('ok/acme'), { oracle })).suites[0].results.find((r) => r.name === 'an SoD conflict in a fragment')!.failures;
    expect(await failuresWith(extra)).toEqual(['unexpected finding: G-EXCESS-VS-ROLE alice share-hr (high): not allowed']);
    expect(await failuresWith(wrongRule)).toEqual(['missing finding: G-SOD alice SoD rule payroll-and-payments']);
    expect(await failuresWith(undefined)).toEqual(['findings tests need the audit engine: run them with `vigie policy test`']);
    const failing: FindingsOracle = () => {
      throw new Error('rule G-SOD exploded');
    };
    expect(await failuresWith(failing)).toEqual(['the audit of the directory fragment failed: rule G-SOD exploded']);
  });

  it('tells which access and SoD rules lack an allowed or a denied test', async () => {
    const report = await runPolicyTests(fixture('ok/acme'), { oracle: sodOracle });
    const rule = (line: number) => report.coverage.accessRules.find((r) => r.line === line)!;
    expect(rule(6)).toMatchObject({ description: 'Contractors never write on shares holding personal data', allowed: true, denied: true });
    expect(rule(11)).toMatchObject({ allowed: true, denied: true });
    expect(rule(33)).toMatchObject({ description: 'IT support is local admin on the workstations of its site', allowed: false, denied: false });
    expect(report.coverage.sodRules).toEqual([
      { id: 'payroll-and-payments', file: 'sod/finance.yaml', line: 5, exercised: true },
      { id: 'tier-0-off-workstations', file: 'sod/finance.yaml', line: 10, exercised: false },
    ]);
    expect(isFullyCovered(report)).toBe(false);
    const text = formatPolicyTestReport(report);
    expect(text).toContain('  FAIL  this one is wrong on purpose\n        at access-rules/baseline_test.yaml:27\n');
    expect(text).toContain('  no allowed and denied test: access-rules/baseline.yaml:33 "IT support is local admin on the workstations of its site"');
    expect(text).toContain('  no test expects a finding of tier-0-off-workstations (sod/finance.yaml:10)');
    expect(text).toMatch(/\n6 tests: 5 passed, 1 failed \(policy [0-9a-f]{16}\)\n$/);
  });

  it('reports every problem of a suite with its line, and runs none of its tests', async () => {
    const report = await runPolicyTests(fixture('not-ok/bad-suite'));
    expect(report.suites).toEqual([]);
    expect(report.errors.map(({ file, line, path, message }) => `${file}:${line} ${path}: ${message}`)).toEqual([
      expect.stringMatching(/^resources\/shares_test\.yaml:4 identities\.hr\.floor: unknown field "floor"; expected one of: login, employeeId,/),
      'resources/shares_test.yaml:7 tests[0].identity: unknown identity "finance"',
      'resources/shares_test.yaml:8 tests[0].resource: unknown resource "share-finanse": neither a resource of the policy nor of this suite\'s resources',
      'resources/shares_test.yaml:13 tests[1].expect.findings: expected findings need a directory fragment (directory: { accounts: [...] })',
      'resources/syntax_test.yaml:5 : Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('refuses a suite whose aliases of aliases would multiply its data, without expanding them', async () => {
    const started = Date.now();
    const report = await runPolicyTests(fileURLToPath(new URL('../../../../test/fixtures/policies/not-ok/alias-bomb-in-suite', import.meta.url)));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report.suites).toEqual([]);
    expect(report.errors).toEqual([
      expect.objectContaining({
        file: 'access-rules/shares_test.yaml',
        line: 8,
        message: expect.stringMatching(/^the alias \*c multiplies the data beyond 100 copies/),
      }),
    ]);
  });

  it('reports rule ids the catalogue does not know, with a suggestion', async () => {
    const report = await runPolicyTests(fixture('not-ok/unknown-rule-suite'));
    expect(report.errors.map(({ line, path, message }) => `${line} ${path}: ${message}`)).toEqual([
      '7 tests[0].rules[0]: unknown audit rule "G-SODD"; did you mean G-SOD?',
      '9 tests[0].expect.findings[0].rule: unknown audit rule "G-EXCES-VS-ROLE"; did you mean G-EXCESS-VS-ROLE?',
    ]);
  });

  it('needs a valid policy', async () => {
    await expect(runPolicyTests(fixture('not-ok/duplicate-id'))).rejects.toBeInstanceOf(PolicyValidationError);
  });
});

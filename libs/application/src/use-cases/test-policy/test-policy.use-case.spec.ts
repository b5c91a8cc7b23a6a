import { SHIPPED_POLICIES, fixture, parsedBy, refusalsOf } from '../../testing/index.js';
import { TestPolicy } from './test-policy.use-case.js';

const FAILING = fixture('policies/not-ok/failing-tests');
const UNTESTED = fixture('policies/ok/company');

/** The policy test suites run for real: the `*_test.yaml` files beside the shipped policy and the fixtures. */
describe(TestPolicy.name, () => {
  const input = TestPolicy.definition.input;
  const sut = new TestPolicy({ policy: { dir: SHIPPED_POLICIES, keepLastValid: true } });
  const run = (given: { policies?: string; requireCoverage?: boolean }) => sut.execute(parsedBy(input, given));

  it('is for system actors only (the command line and CI): it declares no ability', () => {
    expect(TestPolicy.definition.name).toBe('test-policy');
    expect(TestPolicy.definition.ability).toBeUndefined();
  });

  it('does not require coverage by default; refuses an empty path and unknown fields', () => {
    expect(parsedBy(input, {})).toEqual({ requireCoverage: false });
    expect(refusalsOf(input, { policies: '' })).toEqual([expect.stringMatching(/^policies: /)]);
    expect(refusalsOf(input, { format: 'json' })).toEqual(['unknown field(s) format']);
  });

  it('passes on the shipped policy, every rule covered, and tests the configured directory when none is given', async () => {
    const out = await run({ requireCoverage: true });
    expect(out.dir).toBe(SHIPPED_POLICIES);
    expect(out).toMatchObject({ passed: true, note: null, report: { failed: 0, errors: [] } });
    expect(out.report.passed).toBeGreaterThan(10);
  });

  it('fails when a case fails, with the report of each', async () => {
    const out = await run({ policies: FAILING });
    expect(out).toMatchObject({ dir: FAILING, passed: false, note: null, report: { passed: 1, failed: 2, errors: [] } });
    // The findings case runs the real audit rules on the fragment it describes: they find bmartin on the share he
    // does reach (finance), not on the one the case expects (HR).
    const failed = out.report.suites.flatMap((s) => s.results).filter((r) => !r.passed);
    expect(failed.map((r) => [r.name, r.line, r.failures])).toEqual([
      ['HR writes its share (wrong: HR only reads)', 9, ['write on share-hr: expected allowed, got denied by default: no rule allows it']],
      [
        'a sales member of the finance group is reported',
        14,
        ['missing finding: G-EXCESS-VS-ROLE bmartin share-hr', expect.stringMatching(/^unexpected finding: G-EXCESS-VS-ROLE bmartin share-finance \(high\)/)],
      ],
    ]);
  });

  it('says some rules have no test when coverage is required and missing', async () => {
    const out = await run({ policies: FAILING, requireCoverage: true });
    expect(out).toMatchObject({ passed: false, note: 'some rules have no test (see the coverage above)' });
    expect(out.report.coverage.accessRules).toEqual([
      expect.objectContaining({ line: 4, allowed: true, denied: false }),
      expect.objectContaining({ line: 9, allowed: true, denied: false }),
    ]);
  });

  it('fails when there is nothing to test, and says so', async () => {
    const out = await run({ policies: UNTESTED });
    expect(out).toEqual({
      dir: UNTESTED,
      report: expect.objectContaining({ passed: 0, failed: 0 }),
      passed: false,
      note: `no *_test.yaml suite in ${UNTESTED}: nothing was tested`,
    });
  });

  it('refuses an invalid policy before running anything, as invalid input located in its file', async () => {
    await expect(run({ policies: fixture('policies/not-ok/unknown-field') })).rejects.toMatchObject({
      kind: 'invalid-input',
      details: [expect.stringMatching(/^resources\/shares\.yaml:7:5 {2}resources\[0\]\.criticallity: unknown field "criticallity"/)],
    });
  });
});

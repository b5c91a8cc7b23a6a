import * as z from 'zod';
import type { VigieConfig } from '#vigie/config';
import { type PolicyTestReport, isFullyCovered, runPolicyTests } from '#vigie/policy';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { fragmentFindingsOracle } from './fragment-findings.oracle.js';

export const testPolicyInput = z
  .object({
    /** The policy directory; the configured one when absent. */
    policies: z.string().min(1).optional(),
    /** Also fail unless every access rule has an allowed and a denied test, and every SoD rule a findings test. */
    requireCoverage: z.boolean().default(false),
  })
  .strict();

export interface PolicyTestOutcome {
  dir: string;
  report: PolicyTestReport;
  /** Whether the suites pass (and cover every rule, when asked): what the exit code says. */
  passed: boolean;
  /** Why it did not pass beyond the failing cases: no suite at all, or rules without a test. */
  note: string | null;
}

/** Runs the `*_test.yaml` suites kept beside the policy: expected decisions and expected findings, with the real rules. */
export class TestPolicy implements UseCase<typeof testPolicyInput, PolicyTestOutcome> {
  static readonly definition: UseCaseDefinition<typeof testPolicyInput> = { name: 'test-policy', input: testPolicyInput };
  readonly definition = TestPolicy.definition;

  constructor(private readonly config: Pick<VigieConfig, 'policy'>) {}

  async execute(input: z.output<typeof testPolicyInput>): Promise<PolicyTestOutcome> {
    const dir = input.policies ?? this.config.policy.dir;
    const report = await runPolicyTests(dir, { oracle: fragmentFindingsOracle });
    const tests = report.passed + report.failed;
    const uncovered = input.requireCoverage && !isFullyCovered(report);
    const note =
      tests === 0 && report.errors.length === 0
        ? `no *_test.yaml suite in ${dir}: nothing was tested`
        : uncovered
          ? 'some rules have no test (see the coverage above)'
          : null;
    const passed = report.failed === 0 && report.errors.length === 0 && tests > 0 && !uncovered;
    return { dir, report, passed, note };
  }
}

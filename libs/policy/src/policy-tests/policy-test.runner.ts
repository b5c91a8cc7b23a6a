import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AccessPolicy } from '../access-policy.js';
import { IssueCollector } from '../loader/issue-collector.js';
import { classifyPolicyPaths, listPolicyTree } from '../loader/policy-files.js';
import type { AccessRuleDef, Policy } from '../policy.types.js';
import type { PolicyIssue } from '../policy-validation.error.js';
import { loadPolicy } from '../policy-loader.js';
import { type PolicyTestCase, type PolicyTestSuite, parsePolicyTestSuite } from './policy-test-suite.parser.js';
import type { DirectoryFragment, ExpectedFinding } from './policy-test-suite.schema.js';

/** A finding as a findings test compares it. */
export interface ProducedFinding {
  rule: string;
  login: string | null;
  resource: string | null;
  severity: string;
  sodRule?: string;
  message: string;
}

/**
 * Audits a directory fragment against the policy. The policy library does not know the audit rules, so whoever runs
 * the tests (the CLI) provides this; without it, findings tests fail with a clear reason.
 */
export type FindingsOracle = (input: { directory: DirectoryFragment; policy: Policy; rules?: string[]; asOf: Date }) => ProducedFinding[];

export interface PolicyTestResult {
  name: string;
  file: string;
  line: number;
  passed: boolean;
  failures: string[];
}

export interface AccessRuleCoverage {
  file: string;
  line: number;
  description?: string;
  /** A passing test where the rule let an access through (can) or did not stand in the way (cannot). */
  allowed: boolean;
  /** A passing test where the rule refused (cannot) or did not let through (can) an access on its resource type. */
  denied: boolean;
}

export interface PolicyTestReport {
  policyVersion: string;
  suites: { file: string; description?: string; results: PolicyTestResult[] }[];
  /** Suites that could not be read: each problem with file and line. Their tests did not run. */
  errors: PolicyIssue[];
  passed: number;
  failed: number;
  coverage: {
    accessRules: AccessRuleCoverage[];
    /** SoD rules and whether a passing test expected a finding of theirs. */
    sodRules: { id: string; file: string; line: number; exercised: boolean }[];
  };
}

/**
 * Runs the `*_test.yaml` suites kept beside a policy: expected decisions through the access policy, expected
 * findings through the oracle. The policy itself must be valid (PolicyValidationError otherwise).
 */
export async function runPolicyTests(dir: string, options: { oracle?: FindingsOracle; now?: Date } = {}): Promise<PolicyTestReport> {
  const root = resolve(dir);
  const policy = await loadPolicy(root);
  const { suites: paths } = classifyPolicyPaths(await listPolicyTree(root), root);
  const issues = new IssueCollector();
  const suites: PolicyTestSuite[] = [];
  for (const path of paths) {
    const bytes = new Uint8Array(await readFile(join(root, ...path.split('/'))));
    const suite = parsePolicyTestSuite(path, bytes, policy, issues);
    if (suite) suites.push(suite);
  }
  return runSuites(policy, suites, issues.list(), options);
}

export function runSuites(
  policy: Policy,
  suites: readonly PolicyTestSuite[],
  errors: PolicyIssue[],
  options: { oracle?: FindingsOracle; now?: Date } = {},
): PolicyTestReport {
  const access = new AccessPolicy(policy);
  const coverage = new CoverageTracker(policy);
  const report: PolicyTestReport = {
    policyVersion: policy.version,
    suites: [],
    errors,
    passed: 0,
    failed: 0,
    coverage: { accessRules: [], sodRules: [] },
  };
  for (const suite of suites) {
    const results = suite.cases.map((test) => {
      const failures = [...checkDecisions(test, access, coverage), ...checkFindings(test, policy, coverage, options)];
      return { name: test.name, file: test.file, line: test.line, passed: failures.length === 0, failures };
    });
    report.suites.push({ file: suite.file, description: suite.description, results });
    for (const result of results) report[result.passed ? 'passed' : 'failed']++;
  }
  report.coverage = coverage.summary();
  return report;
}

function checkDecisions(test: PolicyTestCase, access: AccessPolicy, coverage: CoverageTracker): string[] {
  if (!test.identity || !test.resource) return [];
  const failures: string[] = [];
  for (const { level, expected } of test.decisions) {
    const decision = access.explainDecision(test.identity, test.resource, level);
    const actual = decision.allowed ? 'allowed' : 'denied';
    const by = decision.rule
      ? `by ${decision.rule.file}:${decision.rule.line}${decision.rule.description ? ` "${decision.rule.description}"` : ''}`
      : 'by default: no rule allows it';
    if (actual !== expected) {
      failures.push(`${level} on ${test.resource.id}: expected ${expected}, got ${actual} ${by}`);
    } else {
      coverage.creditDecision(test.resource.type, decision.allowed, decision.rule);
    }
  }
  return failures;
}

function checkFindings(test: PolicyTestCase, policy: Policy, coverage: CoverageTracker, options: { oracle?: FindingsOracle; now?: Date }): string[] {
  if (!test.directory || !test.findings) return [];
  if (!options.oracle) return ['findings tests need the audit engine: run them with `vigie policy test`'];
  let produced: ProducedFinding[];
  try {
    produced = options.oracle({ directory: test.directory, policy, rules: test.rules, asOf: test.asOf ?? options.now ?? new Date() });
  } catch (error) {
    return [`the audit of the directory fragment failed: ${(error as Error).message}`];
  }
  const failures: string[] = [];
  for (const expected of test.findings) {
    if (!produced.some((finding) => matches(expected, finding))) failures.push(`missing finding: ${describeExpected(expected)}`);
  }
  for (const finding of produced) {
    if (!test.findings.some((expected) => matches(expected, finding))) {
      failures.push(`unexpected finding: ${finding.rule} ${finding.login ?? '-'} ${finding.resource ?? '-'} (${finding.severity}): ${finding.message}`);
    }
  }
  if (failures.length === 0) for (const expected of test.findings) if (expected.sodRule) coverage.creditSod(expected.sodRule);
  return failures;
}

function matches(expected: ExpectedFinding, finding: ProducedFinding): boolean {
  return (
    expected.rule === finding.rule &&
    (expected.login === undefined || expected.login === finding.login) &&
    (expected.resource === undefined || expected.resource === finding.resource) &&
    (expected.sodRule === undefined || expected.sodRule === finding.sodRule) &&
    (expected.severity === undefined || expected.severity === finding.severity)
  );
}

function describeExpected(expected: ExpectedFinding): string {
  const parts = [expected.rule, expected.login ?? '(any account)'];
  if (expected.resource !== undefined) parts.push(expected.resource ?? '(no resource)');
  if (expected.sodRule) parts.push(`SoD rule ${expected.sodRule}`);
  if (expected.severity) parts.push(`(${expected.severity})`);
  return parts.join(' ');
}

/**
 * Which access rules the passing tests exercise both ways. The deciding rule is credited with the outcome; a test on a
 * resource type also shows the limits of the other rules on that type: a denial that no can rule let through, an
 * access that no cannot rule stood in the way of.
 */
class CoverageTracker {
  private readonly rules: Map<string, { def: AccessRuleDef; allowed: boolean; denied: boolean }>;
  private readonly sod: Map<string, boolean>;

  constructor(private readonly policy: Policy) {
    this.rules = new Map(policy.accessRules.map((def) => [key(def.source), { def, allowed: false, denied: false }]));
    this.sod = new Map(policy.sodRules.map((rule) => [rule.id, false]));
  }

  creditDecision(type: string, allowed: boolean, decidedBy: { file: string; index: number } | undefined): void {
    const decider = decidedBy ? this.rules.get(key(decidedBy)) : undefined;
    if (decider) decider[allowed ? 'allowed' : 'denied'] = true;
    for (const entry of this.rules.values()) {
      if (entry.def.on !== type && entry.def.on !== 'all') continue;
      if (allowed && entry.def.cannot) entry.allowed = true;
      if (!allowed && entry.def.can) entry.denied = true;
    }
  }

  creditSod(id: string): void {
    if (this.sod.has(id)) this.sod.set(id, true);
  }

  summary(): PolicyTestReport['coverage'] {
    return {
      accessRules: [...this.rules.values()].map(({ def, allowed, denied }) => ({
        file: def.source.file,
        line: def.source.line,
        description: def.description,
        allowed,
        denied,
      })),
      sodRules: this.policy.sodRules.map((rule) => ({ id: rule.id, file: rule.source.file, line: rule.source.line, exercised: this.sod.get(rule.id)! })),
    };
  }
}

const key = (source: { file: string; index: number }) => `${source.file}#${source.index}`;

import { formatPolicyIssue } from '../policy-validation.error.js';
import { shortPolicyVersion } from '../policy-version.js';
import type { PolicyTestReport } from './policy-test.runner.js';

/** Whether every access rule has an allowed and a denied passing test, and every SoD rule a findings test. */
export function isFullyCovered(report: PolicyTestReport): boolean {
  return report.coverage.accessRules.every((rule) => rule.allowed && rule.denied) && report.coverage.sodRules.every((rule) => rule.exercised);
}

/** A plain-text report for a terminal or a CI log: each failing test with its file and line, then coverage. */
export function formatPolicyTestReport(report: PolicyTestReport): string {
  const out: string[] = [];
  for (const suite of report.suites) {
    out.push(suite.description ? `${suite.file}: ${suite.description}` : suite.file);
    for (const result of suite.results) {
      if (result.passed) {
        out.push(`  ok    ${result.name}`);
        continue;
      }
      out.push(`  FAIL  ${result.name}`, `        at ${result.file}:${result.line}`);
      for (const failure of result.failures) out.push(`        ${failure}`);
    }
    out.push('');
  }
  if (report.errors.length) {
    out.push('Suites with errors (their tests did not run):');
    for (const issue of report.errors) out.push(`  ${formatPolicyIssue(issue)}`);
    out.push('');
  }
  const { accessRules, sodRules } = report.coverage;
  const covered = accessRules.filter((rule) => rule.allowed && rule.denied).length;
  out.push(`Access rules with an allowed and a denied test: ${covered} of ${accessRules.length}`);
  for (const rule of accessRules.filter((candidate) => !candidate.allowed || !candidate.denied)) {
    const missing = [!rule.allowed && 'allowed', !rule.denied && 'denied'].filter(Boolean).join(' and ');
    out.push(`  no ${missing} test: ${rule.file}:${rule.line}${rule.description ? ` "${rule.description}"` : ''}`);
  }
  if (sodRules.length) {
    out.push(`SoD rules with a findings test: ${sodRules.filter((rule) => rule.exercised).length} of ${sodRules.length}`);
    for (const rule of sodRules.filter((candidate) => !candidate.exercised)) out.push(`  no test expects a finding of ${rule.id} (${rule.file}:${rule.line})`);
  }
  const tests = report.passed + report.failed;
  const errors = report.errors.length ? `, ${report.errors.length} suite error${report.errors.length > 1 ? 's' : ''}` : '';
  out.push(
    `${tests} test${tests === 1 ? '' : 's'}: ${report.passed} passed, ${report.failed} failed${errors} (policy ${shortPolicyVersion(report.policyVersion)})`,
    '',
  );
  return out.join('\n');
}

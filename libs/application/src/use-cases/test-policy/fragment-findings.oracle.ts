import { allRules, evaluate } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import type { FindingsOracle } from '#vigie/policy';
import { fragmentSnapshot } from './directory-fragment.snapshot.js';

/** A findings test names a rule this version of Vigie does not have. */
export class UnimplementedRuleError extends VigieError {
  constructor(ids: string[]) {
    super(
      'invalid-input',
      `not implemented by this version of Vigie: ${ids.join(', ')}; findings tests can check: ${allRules()
        .map((r) => r.id)
        .join(', ')}`,
    );
  }
}

/** Findings tests of `vigie policy test`: the real audit rules on the fragment, as the nightly audit runs them. */
export const fragmentFindingsOracle: FindingsOracle = ({ directory, policy, rules, asOf }) => {
  const all = allRules();
  const selected = rules ? all.filter((rule) => rules.includes(rule.id)) : all;
  const missing = (rules ?? []).filter((id) => !all.some((rule) => rule.id === id));
  if (missing.length) throw new UnimplementedRuleError(missing);
  return evaluate([fragmentSnapshot(directory)], policy, asOf, { rules: selected }).report.findings.map((finding) => ({
    rule: finding.rule,
    login: finding.subject.login,
    resource: finding.resource?.id ?? null,
    severity: finding.severity,
    sodRule: typeof finding.evidence.sodRule === 'string' ? finding.evidence.sodRule : undefined,
    message: finding.message,
  }));
};

import type { ComplianceReport } from './compliance-report.model.js';

/**
 * Everyone the report names (the logins or DNs of the rules' first subjects, the privileged accounts, the holders of
 * personal-data resources, the risk acceptances' subjects and deciders), lower-cased: stored with the report so that
 * erasing a person finds, and deletes, the reports that name them without reading their bytes (GDPR art. 17).
 */
export function subjectsOf(report: ComplianceReport): string[] {
  const named = [
    ...report.rules.flatMap((r) => r.firstSubjects),
    ...report.privileged.map((a) => a.login),
    ...report.personalData.flatMap((r) => r.firstHolders),
    ...report.riskAcceptances.flatMap((a) => [a.subject, a.by]),
  ];
  return [...new Set(named.filter((s): s is string => !!s && s.trim() !== '').map((s) => s.trim().toLowerCase()))].sort();
}

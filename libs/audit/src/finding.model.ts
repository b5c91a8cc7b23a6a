/** The findings contract of the rule catalogue (../shared/notes/rules.md): JSON, CSV, API and UI share it. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface FindingSubject {
  type: 'account' | 'group' | 'computer';
  directory: string;
  dn: string;
  login: string | null;
  employeeId: string | null;
}

export interface FindingResource {
  type: string;
  id: string;
  name: string;
}

export interface Finding {
  /** Stable across runs: a hash of rule, subject and resource. */
  id: string;
  rule: string;
  severity: Severity;
  subject: FindingSubject;
  resource: FindingResource | null;
  message: string;
  evidence: Record<string, unknown>;
  explain: string[];
}

export interface FindingsReport {
  asOf: string;
  policyVersion: string;
  findings: Finding[];
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

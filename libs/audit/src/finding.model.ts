/** The findings contract of the rule catalogue (../shared/notes/rules.md): JSON, CSV, API and UI share it. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What a finding is about: an account or computer (most rules), a group (a share opened through Domain Users), a
 * whole directory (too many administrators), a resource of the policy alone (a share without an owner), or one of
 * the logs Vigie keeps (R-LOG-RETENTION: the trail's access entries kept too long).
 */
export type FindingSubjectType = 'account' | 'computer' | 'group' | 'directory' | 'resource' | 'log';

export interface FindingSubject {
  type: FindingSubjectType;
  /** null for a finding on the policy alone. */
  directory: string | null;
  /** null for a directory or resource subject, and for a well-known principal that has no directory object. */
  dn: string | null;
  login: string | null;
  employeeId: string | null;
  /** Name of a group, directory, resource or log subject (accounts have their login). */
  name?: string;
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

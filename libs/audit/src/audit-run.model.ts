export type AuditRunStatus = 'running' | 'succeeded' | 'failed';

export interface AuditRunRecord {
  id: string;
  status: AuditRunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  asOf: Date;
  policyVersion: string | null;
  counts: Record<string, number>;
  error: string | null;
}

export interface FindingFilter {
  rule?: string[];
  severity?: string[];
  directory?: string;
  login?: string;
  status?: string[];
  /** A case-insensitive prefix of the login or of the subject's name (a group, resource…). */
  q?: string;
  /** One finding, by its stable id. */
  id?: string;
}

/**
 * Where a finding sits in the list's order: most severe first, then by rule, login (none sorts as '') and id. The
 * id makes it unique, so a page that starts after a key neither repeats nor skips a finding.
 */
export interface FindingKey {
  severityRank: number;
  rule: string;
  login: string;
  id: string;
}

/** A page: `limit` findings after the key `after` (keyset), or after skipping `offset` (deprecated: its cost grows). */
export interface Page {
  limit: number;
  offset: number;
  after?: FindingKey;
}

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
}

export interface Page {
  limit: number;
  offset: number;
}

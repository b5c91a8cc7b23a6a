import type { AuditRunRecord, FindingFilter, Page } from '../audit-run.model.js';
import type { Finding } from '../finding.model.js';

/** Where audit runs and their findings are kept. */
export abstract class FindingStore {
  abstract startRun(asOf: Date): Promise<string>;
  /** Stores the findings and marks the run succeeded, all at once. */
  abstract completeRun(id: string, policyVersion: string, findings: Finding[], counts: Record<string, number>): Promise<void>;
  abstract failRun(id: string, reason: string): Promise<void>;
  /** The latest successful run, whose findings are the current ones. */
  abstract latestRun(): Promise<AuditRunRecord | null>;
  abstract query(runId: string, filter: FindingFilter, page: Page): Promise<{ total: number; findings: Finding[] }>;
}

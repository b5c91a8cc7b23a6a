import type { FindingFilter, Page } from './audit-run.model.js';
import { FindingStore, type FindingWithState } from './ports/finding.store.js';

export interface FindingsPage {
  asOf: string | null;
  policyVersion: string | null;
  auditRunId: string | null;
  total: number;
  limit: number;
  offset: number;
  findings: FindingWithState[];
}

/** The current findings: those of the latest successful audit run. */
export class FindingsQueryService {
  constructor(private readonly store: FindingStore) {}

  async current(filter: FindingFilter, page: Page): Promise<FindingsPage> {
    const run = await this.store.latestRun();
    if (!run) return { asOf: null, policyVersion: null, auditRunId: null, total: 0, ...page, findings: [] };
    const { total, findings } = await this.store.query(run.id, filter, page);
    return { asOf: run.asOf.toISOString(), policyVersion: run.policyVersion, auditRunId: run.id, total, ...page, findings };
  }
}

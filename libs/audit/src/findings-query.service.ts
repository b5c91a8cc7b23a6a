import { VigieError } from '#vigie/common';
import type { AuditRunRecord, FindingFilter } from './audit-run.model.js';
import { type FindingsCursor, encodeFindingsCursor } from './findings-cursor.js';
import { FindingStore, type FindingWithState } from './ports/finding.store.js';

export interface FindingsPage {
  asOf: string | null;
  policyVersion: string | null;
  auditRunId: string | null;
  /**
   * How many findings of the run match the filters. Without a filter it is the run's own count, kept when the run was
   * stored; with one it is counted only when asked (`withTotal`), a count whose cost grows with the matching
   * findings; otherwise null.
   */
  total: number | null;
  limit: number;
  offset: number;
  /** Pass it as `cursor` for the next page (same run, same order); null on the last page. */
  nextCursor: string | null;
  findings: FindingWithState[];
}

/** What to serve: `limit` findings from the start, after `offset` (deprecated), or after `cursor`. */
export interface FindingsPageRequest {
  limit: number;
  offset: number;
  cursor?: FindingsCursor;
  withTotal?: boolean;
}

/** A cursor into a run that is no longer kept (pruned since): its pages cannot go on. */
export class FindingsCursorExpiredError extends VigieError {
  constructor() {
    super('not-found', 'the audit run this cursor pages through is no longer kept: start again from the first page, without a cursor');
  }
}

/**
 * The current findings: those of the latest successful audit run. A cursor pins the run it started on, so that a
 * run completing between two pages neither repeats nor skips a finding of the list being read.
 */
export class FindingsQueryService {
  constructor(private readonly store: FindingStore) {}

  async current(filter: FindingFilter, page: FindingsPageRequest): Promise<FindingsPage> {
    const { limit, offset } = page;
    const run = page.cursor ? await this.store.run(page.cursor.runId) : await this.store.latestRun();
    if (!run) {
      if (page.cursor) throw new FindingsCursorExpiredError();
      return { asOf: null, policyVersion: null, auditRunId: null, total: 0, limit, offset, nextCursor: null, findings: [] };
    }
    const { findings, next } = await this.store.query(run.id, filter, { limit, offset: page.cursor ? 0 : offset, after: page.cursor });
    return {
      asOf: run.asOf.toISOString(),
      policyVersion: run.policyVersion,
      auditRunId: run.id,
      total: await this.total(run, filter, page.withTotal ?? false),
      limit,
      offset: page.cursor ? 0 : offset,
      nextCursor: next ? encodeFindingsCursor({ runId: run.id, ...next }) : null,
      findings,
    };
  }

  /** One current finding by its id, with the run it comes from; null when the latest run has no such finding. */
  async one(id: string): Promise<{ asOf: string; policyVersion: string | null; finding: FindingWithState } | null> {
    const run = await this.store.latestRun();
    if (!run) return null;
    const { findings } = await this.store.query(run.id, { id }, { limit: 1, offset: 0 });
    return findings[0] ? { asOf: run.asOf.toISOString(), policyVersion: run.policyVersion, finding: findings[0] } : null;
  }

  private async total(run: AuditRunRecord, filter: FindingFilter, asked: boolean): Promise<number | null> {
    const filtered = Object.values(filter).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0));
    if (!filtered && typeof run.counts.total === 'number') return run.counts.total;
    return filtered && !asked ? null : this.store.count(run.id, filter);
  }
}

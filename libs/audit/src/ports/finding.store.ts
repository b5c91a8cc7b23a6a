import type { AuditRunRecord, FindingFilter, FindingKey, Page } from '../audit-run.model.js';
import type { FindingState, FindingStatus, LifecyclePlan } from '../finding-lifecycle.js';
import type { Finding, Severity } from '../finding.model.js';

export interface FindingDecision {
  status: 'acknowledged' | 'risk-accepted';
  by: string;
  reason: string;
  acceptedUntil: Date | null;
  at: Date;
}

/** A finding as the API serves it: the contract's fields plus where it stands in its lifecycle. */
export type FindingWithState = Finding & {
  state: Pick<FindingState, 'status' | 'firstSeenAt' | 'lastSeenAt' | 'reopenedCount' | 'decidedBy' | 'decidedAt' | 'reason' | 'acceptedUntil'>;
};

/** How many of a run's findings have one rule, severity and status; `counting` when they count in the score (docs/score.md). */
export interface FindingBreakdownRow {
  rule: string;
  severity: Severity;
  status: FindingStatus;
  counting: boolean;
  count: number;
}

/** Where audit runs, their findings and the findings' lifecycle are kept. */
export abstract class FindingStore {
  abstract startRun(asOf: Date): Promise<string>;
  /**
   * Stores the findings, applies the lifecycle `plan` computes from the known states, and marks the
   * run succeeded, all at once and one run at a time. The known states are those a lifecycle can change: every
   * state not resolved, and the resolved states of this run's findings (which reopen); a resolved finding that did
   * not come back stays as it is, and a store need not read the history of them.
   */
  abstract completeRun(
    id: string,
    policyVersion: string,
    findings: Finding[],
    counts: Record<string, number>,
    plan: (known: FindingState[]) => LifecyclePlan,
  ): Promise<LifecyclePlan>;
  abstract failRun(id: string, reason: string): Promise<void>;
  /** The latest successful run, whose findings are the current ones. */
  abstract latestRun(): Promise<AuditRunRecord | null>;
  /** A run that succeeded, by id (a cursor's run), or null when it is not kept. */
  abstract run(id: string): Promise<AuditRunRecord | null>;
  /**
   * A page of a run's findings matching the filter, most severe first (the order of `FindingKey`), with the key to
   * start the next page after (null on the last page). Its cost follows the page, not the run's size, when the
   * filter is on severity, one rule, a login, or none.
   */
  abstract query(runId: string, filter: FindingFilter, page: Page): Promise<{ findings: FindingWithState[]; next: FindingKey | null }>;
  /** How many of a run's findings match the filter: a count whose cost grows with them. */
  abstract count(runId: string, filter: FindingFilter): Promise<number>;
  /**
   * A run's findings counted by rule, severity and status, in one aggregate: the dashboard's figures. A risk accepted
   * until a date past `now` does not count, as in the score.
   */
  abstract breakdown(runId: string, now: Date): Promise<FindingBreakdownRow[]>;
  abstract state(id: string): Promise<FindingState | null>;
  /**
   * The finding's state, its row locked until the transaction ends (SELECT … FOR UPDATE): a decision checks what it
   * decides on under this lock, so two decisions on one finding cannot both pass their check. Call it on a store bound
   * to a transaction; outside one, the lock ends with the statement.
   */
  abstract lockState(id: string): Promise<FindingState | null>;
  abstract decide(id: string, decision: FindingDecision): Promise<FindingState>;
}

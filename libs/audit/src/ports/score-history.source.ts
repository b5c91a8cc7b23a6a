import type { AuditRunRecord } from '../audit-run.model.js';
import type { RuleTally } from '../score/security-score.js';

/** What the score and its trend read of the audit runs (the store of findings implements it). */
export abstract class ScoreHistorySource {
  /**
   * The run's findings that count now, by rule and severity: open, acknowledged, or under a risk acceptance that has
   * run out by `now` (a run has not reopened it yet, but the acceptance no longer covers it).
   */
  abstract currentTallies(runId: string, now: Date): Promise<RuleTally[]>;
  /** The last successful run of each day (in `timezone`) finished since `since`, oldest day first. */
  abstract lastRunOfEachDay(since: Date, timezone: string): Promise<Array<{ day: string; run: AuditRunRecord }>>;
}

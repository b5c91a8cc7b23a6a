import type { FindingStatus } from '../finding-lifecycle.js';
import { SEVERITIES, type Severity } from '../finding.model.js';
import type { FindingBreakdownRow } from '../ports/finding.store.js';
import { type RuleFamily, RULE_FAMILIES, type RuleTally, familyOf } from './security-score.js';

/** The statuses a current finding can have: a resolved one is no longer in the latest run. */
export const CURRENT_STATUSES = ['open', 'acknowledged', 'risk-accepted'] as const satisfies readonly FindingStatus[];
export type CurrentStatus = (typeof CURRENT_STATUSES)[number];

export interface OpenFindings {
  /** The findings still to handle (those that count in the score: not under a risk accepted until a later date). */
  bySeverity: Record<Severity, number>;
  byFamily: Record<RuleFamily, number>;
  /** Every current finding by its status, an accepted risk included. */
  byStatus: Record<CurrentStatus, number>;
}

/** The dashboard's counts and the score's tallies, from one breakdown of the run: the two never disagree. */
export function openFindingsOf(rows: readonly FindingBreakdownRow[]): { open: OpenFindings; tallies: RuleTally[] } {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byFamily = Object.fromEntries(RULE_FAMILIES.map((f) => [f, 0])) as Record<RuleFamily, number>;
  const byStatus = Object.fromEntries(CURRENT_STATUSES.map((s) => [s, 0])) as Record<CurrentStatus, number>;
  const tallies = new Map<string, RuleTally>();
  for (const r of rows) {
    if (r.status in byStatus) byStatus[r.status as CurrentStatus] += r.count;
    if (!r.counting) continue;
    bySeverity[r.severity] += r.count;
    byFamily[familyOf(r.rule)] += r.count;
    const key = `${r.rule}\u0000${r.severity}`;
    const tally = tallies.get(key) ?? { rule: r.rule, severity: r.severity, count: 0 };
    tally.count += r.count;
    tallies.set(key, tally);
  }
  return { open: { bySeverity, byFamily, byStatus }, tallies: [...tallies.values()] };
}

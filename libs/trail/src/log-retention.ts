import type { TrailConfig } from '#vigie/config';
import { TRAIL_KINDS, type TrailKind } from './trail-entry.model.js';

export const LOG_RETENTION_RULE = 'R-LOG-RETENTION';
/** CNIL délibération 2021-122: keep access logs 6 months to 1 year; up to 3 years where documented. */
export const CNIL_MIN_DAYS = 183;
export const CNIL_MAX_DAYS = 365;
export const CNIL_JUSTIFIED_MAX_DAYS = 1095;

export interface LogRetentionIssue {
  rule: typeof LOG_RETENTION_RULE;
  kind: TrailKind;
  severity: 'medium';
  message: string;
  evidence: Record<string, unknown>;
}

/**
 * R-LOG-RETENTION for the trail: each kind's configured retention against the CNIL window, and, when the oldest
 * entries are given, entries kept past their retention (pruning not run). The audit and the start-up warning call it.
 */
export function checkLogRetention(retention: TrailConfig['retention'], oldest: Partial<Record<TrailKind, Date>> = {}, now = new Date()): LogRetentionIssue[] {
  const issues: LogRetentionIssue[] = [];
  for (const kind of TRAIL_KINDS) {
    const { days, justification } = retention[kind];
    const issue = (message: string, evidence: Record<string, unknown> = {}) =>
      issues.push({ rule: LOG_RETENTION_RULE, kind, severity: 'medium', message, evidence: { kind, days, justification: justification ?? null, ...evidence } });
    if (days < CNIL_MIN_DAYS)
      issue(`${kind} entries of the trail are kept ${days} days, less than the 6 months the CNIL recommends (trail.retention.${kind}.days)`);
    else if (days > CNIL_JUSTIFIED_MAX_DAYS)
      issue(`${kind} entries of the trail are kept ${days} days, more than the 3 years the CNIL allows at most (trail.retention.${kind}.days)`);
    else if (days > CNIL_MAX_DAYS && !justification)
      issue(
        `${kind} entries of the trail are kept ${days} days, more than 1 year without a documented justification (set trail.retention.${kind}.justification)`,
      );
    const first = oldest[kind];
    if (first) {
      const ageDays = Math.floor((now.getTime() - first.getTime()) / 86_400_000);
      if (ageDays > days)
        issue(`${kind} entries of the trail go back ${ageDays} days, past their retention of ${days} days: run \`vigie audit-log prune\``, {
          oldestEntry: first.toISOString(),
        });
    }
  }
  return issues;
}

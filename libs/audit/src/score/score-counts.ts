import type { LifecyclePlan } from '../finding-lifecycle.js';
import { SEVERITIES, type Finding, type Severity } from '../finding.model.js';
import type { RuleTally } from './security-score.js';

/**
 * An audit run keeps, in its counts, the findings that count for the score as they stood when it completed (keys
 * `score:<rule>:<severity>`), so that the trend shows each day's score as that day's audit saw it: a risk accepted
 * later does not rewrite the past. `score:kept` tells a run that kept them, with or without findings, from a run
 * that completed before runs kept them.
 */
const PREFIX = 'score:';
const KEPT = `${PREFIX}kept`;

/** The run's findings that count (not under an accepted risk once the lifecycle is applied), by rule and severity. */
export function scoreCounts(findings: readonly Finding[], lifecycle: LifecyclePlan): Record<string, number> {
  const accepted = new Set<string>();
  for (const { state } of lifecycle.changes) if (state.status === 'risk-accepted') accepted.add(state.id);
  const counts: Record<string, number> = { [KEPT]: 1 };
  for (const f of findings) {
    if (accepted.has(f.id)) continue;
    const key = `${PREFIX}${f.rule}:${f.severity}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The tallies a run's counts kept, or null for a run that completed before runs kept them. */
export function talliesOfCounts(counts: Readonly<Record<string, number>>): RuleTally[] | null {
  if (counts[KEPT] === undefined) return null;
  const tallies: RuleTally[] = [];
  for (const [key, count] of Object.entries(counts)) {
    if (!key.startsWith(PREFIX) || key === KEPT) continue;
    const rest = key.slice(PREFIX.length);
    const cut = rest.lastIndexOf(':');
    const severity = rest.slice(cut + 1) as Severity;
    if (cut > 0 && SEVERITIES.includes(severity)) tallies.push({ rule: rest.slice(0, cut), severity, count });
  }
  return tallies;
}

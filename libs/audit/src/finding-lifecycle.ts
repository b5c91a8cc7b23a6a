import type { Finding } from './finding.model.js';

/**
 * A finding's life across audit runs. It is `open` when first seen, `resolved` when a run no longer
 * finds it, and open again (reopened) when it comes back. A person may acknowledge it, or accept the
 * risk until a date with a reason; an acceptance that has expired reopens it.
 */
export type FindingStatus = 'open' | 'acknowledged' | 'risk-accepted' | 'resolved';
export const FINDING_STATUSES: readonly FindingStatus[] = ['open', 'acknowledged', 'risk-accepted', 'resolved'];

export interface FindingState {
  id: string;
  rule: string;
  severity: string;
  directory: string | null;
  login: string | null;
  status: FindingStatus;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  reopenedCount: number;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  acceptedUntil: Date | null;
}

export type Transition = 'new' | 'reopened' | 'acceptance-expired' | 'still-open' | 'resolved';

export interface LifecyclePlan {
  /** The states to write, each with what happened to it in this run. */
  changes: Array<{ state: FindingState; transition: Transition }>;
  counts: { new: number; reopened: number; resolved: number; open: number };
}

/** What a run does to the known states, given the findings it produced. Pure: the store applies it. */
export function planLifecycle(previous: Iterable<FindingState>, current: Finding[], asOf: Date): LifecyclePlan {
  const known = new Map<string, FindingState>();
  for (const s of previous) known.set(s.id, s);
  const changes: LifecyclePlan['changes'] = [];
  const seen = new Set<string>();
  for (const f of current) {
    seen.add(f.id);
    const base = { rule: f.rule, severity: f.severity, directory: f.subject.directory, login: f.subject.login, lastSeenAt: asOf };
    const s = known.get(f.id);
    if (!s) {
      changes.push({
        transition: 'new',
        state: {
          id: f.id,
          ...base,
          status: 'open',
          firstSeenAt: asOf,
          resolvedAt: null,
          reopenedCount: 0,
          decidedBy: null,
          decidedAt: null,
          reason: null,
          acceptedUntil: null,
        },
      });
    } else if (s.status === 'resolved') {
      changes.push({
        transition: 'reopened',
        state: {
          ...s,
          ...base,
          status: 'open',
          resolvedAt: null,
          reopenedCount: s.reopenedCount + 1,
          decidedBy: null,
          decidedAt: null,
          reason: null,
          acceptedUntil: null,
        },
      });
    } else if (s.status === 'risk-accepted' && s.acceptedUntil && s.acceptedUntil <= asOf) {
      changes.push({ transition: 'acceptance-expired', state: { ...s, ...base, status: 'open', reopenedCount: s.reopenedCount + 1 } });
    } else {
      changes.push({ transition: 'still-open', state: { ...s, ...base } });
    }
  }
  for (const s of known.values()) {
    if (seen.has(s.id) || s.status === 'resolved') continue;
    changes.push({ transition: 'resolved', state: { ...s, status: 'resolved', resolvedAt: asOf } });
  }
  const count = (t: Transition[]) => changes.filter((c) => t.includes(c.transition)).length;
  return {
    changes,
    counts: { new: count(['new']), reopened: count(['reopened', 'acceptance-expired']), resolved: count(['resolved']), open: current.length },
  };
}

/** The findings a run should alert on: new or back, at or above the severity. */
export function alertable(plan: LifecyclePlan, findings: Finding[], atLeast: (severity: string) => boolean): Finding[] {
  const fresh = new Set(
    plan.changes.filter((c) => c.transition === 'new' || c.transition === 'reopened' || c.transition === 'acceptance-expired').map((c) => c.state.id),
  );
  return findings.filter((f) => fresh.has(f.id) && atLeast(f.severity));
}

import type { AccessRequest, ApprovalStage } from './access-request.model.js';
import type { PendingDue } from './ports/access-request.store.js';
import type { RequestSettings } from './request-settings.js';

/**
 * What waiting does to a pending request, at `now`: past its decideBy it expires (nothing is granted, nobody is
 * reminded any more); otherwise its current stage reminds its approvers once after reminderHours, and is escalated to
 * the security officer once after escalationHours. Pure: the sweep writes the answer under the request's lock and
 * tells people of each step.
 */
export type DeadlineStep = 'expired' | 'reminded' | 'escalated';

export interface DeadlinesOutcome {
  /** The request after the steps (the same object when none was due). */
  request: AccessRequest;
  /** The steps taken, in order: at most expired alone, or reminded then escalated. */
  steps: DeadlineStep[];
}

const HOUR_MS = 3_600_000;

export function deadlinesOf(request: AccessRequest, settings: Pick<RequestSettings, 'reminderHours' | 'escalationHours'>, now: Date): DeadlinesOutcome {
  if (request.status !== 'pending') return { request, steps: [] };
  if (request.decideBy.getTime() <= now.getTime()) {
    return { request: { ...request, status: 'expired', currentStage: null, closedAt: now }, steps: ['expired'] };
  }
  const index = request.currentStage;
  const stage = index === null ? undefined : request.stages[index];
  if (!stage?.openedAt || stage.decision) return { request, steps: [] };
  const waited = now.getTime() - stage.openedAt.getTime();
  const steps: DeadlineStep[] = [];
  let next: ApprovalStage = stage;
  if (!stage.remindedAt && waited >= settings.reminderHours * HOUR_MS) {
    next = { ...next, remindedAt: now };
    steps.push('reminded');
  }
  if (!stage.escalatedAt && waited >= settings.escalationHours * HOUR_MS) {
    next = { ...next, escalatedAt: now };
    steps.push('escalated');
  }
  if (!steps.length) return { request, steps };
  return { request: { ...request, stages: request.stages.map((s, i) => (i === index ? next : s)) }, steps };
}

/** What the sweep asks the store at `now`: a stage is due for each step once it has waited that step's delay. */
export function dueAt(settings: Pick<RequestSettings, 'reminderHours' | 'escalationHours'>, now: Date): PendingDue {
  return {
    now,
    remindOpenedBefore: new Date(now.getTime() - settings.reminderHours * HOUR_MS),
    escalateOpenedBefore: new Date(now.getTime() - settings.escalationHours * HOUR_MS),
  };
}

import * as z from 'zod';
import type { UnitOfWork } from '#vigie/common';
import { type AccessRequest, type DeadlineStep, type RequestNoticeKind, type RequestSettings, deadlinesOf, dueAt, ending } from '#vigie/requests';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { enqueueNotice, enqueueRemoval, membershipOf, type RequestTransaction, requestEntry } from '../shared/request-transaction.js';

export const sweepAccessRequestsInput = z.object({}).strict();

export interface SweepAccessRequestsOutput {
  /** Grants past their endsAt whose removal was asked for. */
  ending: number;
  /** Requests undecided past their decideBy, expired. */
  expired: number;
  reminded: number;
  escalated: number;
}

/** How many requests one sweep looks at of each kind: the rest waits for the next minute. */
const BATCH = 200;
/** Grants past their end leave the list as they are handled: a few batches a minute drain a backlog. */
const GRANT_BATCHES = 5;

const NOTICE: Record<DeadlineStep, RequestNoticeKind> = { expired: 'expired', reminded: 'reminder', escalated: 'escalated' };

type Settings = Pick<RequestSettings, 'reminderHours' | 'escalationHours'>;

/**
 * The worker's minute for access requests: grants past their end are handed to the removal job, requests undecided
 * past their decideBy expire, and a stage that waits too long reminds its approvers, then goes to the security
 * officer. Each request in its own unit of work, under its lock and checked again there: two replicas sweeping at once
 * do each thing once.
 */
export class SweepAccessRequests implements UseCase<typeof sweepAccessRequestsInput, SweepAccessRequestsOutput> {
  static readonly definition: UseCaseDefinition<typeof sweepAccessRequestsInput> = { name: 'sweep-access-requests', input: sweepAccessRequestsInput };
  readonly definition = SweepAccessRequests.definition;

  constructor(
    private readonly uow: UnitOfWork<RequestTransaction>,
    /** The policy's request settings, read at each sweep (a policy change applies at the next minute). */
    private readonly settings: () => Promise<Settings>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(): Promise<SweepAccessRequestsOutput> {
    const now = this.now();
    const out: SweepAccessRequestsOutput = { ending: 0, expired: 0, reminded: 0, escalated: 0 };
    for (let i = 0; i < GRANT_BATCHES; i++) {
      const due = await this.uow.run((tx) => tx.requests.grantsEnded(now, BATCH));
      for (const r of due) if (await this.endGrant(r.id, now)) out.ending++;
      if (due.length < BATCH) break;
    }
    const settings = await this.settings();
    // Only requests with a step due: those waiting for a later step do not take the batch's room.
    const pending = await this.uow.run((tx) => tx.requests.pendingDue(dueAt(settings, now), BATCH));
    for (const r of pending) for (const step of await this.applyDeadlines(r.id, settings, now)) out[step]++;
    return out;
  }

  private endGrant(requestId: string, now: Date): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const current = await tx.requests.getForUpdate(requestId);
      const grant = current?.grant;
      if (!current || grant?.status !== 'active' || !grant.endsAt || grant.endsAt > now) return false;
      const saved = await tx.requests.update(ending(current, 'expired', null, null, now));
      await tx.trail.record(
        requestEntry(saved, { action: 'access-grant.ending', after: { ...membershipOf(saved), endReason: 'expired', endsAt: grant.endsAt.toISOString() } }),
      );
      await enqueueRemoval(tx.jobs, saved);
      return true;
    });
  }

  private applyDeadlines(requestId: string, settings: Settings, now: Date): Promise<DeadlineStep[]> {
    return this.uow.run(async (tx) => {
      const current = await tx.requests.getForUpdate(requestId);
      if (!current) return [];
      const { request, steps } = deadlinesOf(current, settings, now);
      if (!steps.length) return [];
      const saved = await tx.requests.update(request);
      for (const step of steps) {
        await tx.trail.record(requestEntry(saved, { action: `access-request.${step}`, after: detailsOf(saved, current, step) }));
        await enqueueNotice(tx.jobs, saved, NOTICE[step]);
      }
      return steps;
    });
  }
}

function detailsOf(saved: AccessRequest, before: AccessRequest, step: DeadlineStep): Record<string, unknown> {
  if (step === 'expired') return { status: saved.status, decideBy: saved.decideBy.toISOString() };
  const stage = before.stages[before.currentStage!];
  return { stage: before.currentStage, kind: stage.kind, openedAt: stage.openedAt?.toISOString() ?? null };
}

import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { isVigieError, type UnitOfWork, VigieError } from '#vigie/common';
import { type HrEvent, type HrEventStatus, type HrPerson, type HrPersonData, mergePersonData, pendingHrEvent } from '#vigie/hr';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { type HrTransaction, hrEntry } from '../shared/hr-transaction.js';
import { type ApplyContext, cannotApply } from './apply-context.js';
import { notificationPlan } from './notification-plan.js';
import { applyCancel } from './cancel.js';
import type { ApplyHrConfig, ApplyHrSources } from './hr-apply.ports.js';
import { EventMovedOn, HrRecorder } from './hr-recorder.js';
import { applyHire } from './joiner.js';
import { applyLeave } from './leaver.js';
import { applyMove } from './mover.js';

export const applyHrEventInput = z
  .object({
    eventId: z.uuid({ error: 'not an HR event id (a UUID)' }),
    /** The job's tries so far (JobContext.retryCount): past hr.retries.limit, a failure is final. */
    retryCount: z.number().int().min(0).default(0),
  })
  .strict();

export interface ApplyHrEventOutput {
  eventId: string;
  /** The event's status after this try; null when there is no such event. */
  status: HrEventStatus | null;
  /** Why nothing was done: not due yet, or already applied / cancelled / dead. */
  skipped?: string;
}

/**
 * The hr.apply job: applies one HR event to the configured directory (hire, update, move, leave, cancel). Claimed under
 * the event's and the person's locks (only a pending or retrying event due now is applied), each step recorded as it
 * is taken, done at the end. A failure that may pass (the directory down, the manager not created yet) marks the event
 * retrying and is thrown again as 'unavailable' so the queue tries later, until hr.retries.limit; any other failure,
 * or the last try, marks it dead with its reason (the dead-letter list) and the job ends normally.
 */
export class ApplyHrEvent implements UseCase<typeof applyHrEventInput, ApplyHrEventOutput> {
  static readonly definition: UseCaseDefinition<typeof applyHrEventInput> = { name: 'apply-hr-event', input: applyHrEventInput };
  readonly definition = ApplyHrEvent.definition;
  private readonly recorder: HrRecorder;

  constructor(
    private readonly uow: UnitOfWork<HrTransaction>,
    private readonly sources: ApplyHrSources,
    private readonly config: ApplyHrConfig,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.recorder = new HrRecorder(uow, now);
  }

  async execute({ eventId, retryCount }: z.output<typeof applyHrEventInput>): Promise<ApplyHrEventOutput> {
    const claim = await this.claim(eventId);
    if (!('event' in claim)) return claim;
    let event = claim.event;
    try {
      const directory = this.config.directory;
      if (!directory) throw new VigieError('configuration', 'no directory is set for HR events: set hr.directory in vigie.yaml, then replay the event');
      const data = await this.detailsOf(event);
      if (event.fetchDetails) {
        const when = await this.reschedule(event, data);
        if (when) return when;
        event = (await this.uow.run((tx) => tx.hr.get(eventId))) ?? event;
      }
      const known = await this.uow.run((tx) => tx.hr.getPerson(data.employeeId));
      const merged = mergePersonData(known?.data ?? null, data);
      const ctx: ApplyContext = {
        sources: this.sources,
        config: this.config,
        directory,
        world: await this.sources.world(),
        recorder: this.recorder,
        uow: this.uow,
        now: this.now,
      };
      if (event.type === 'hire') event = await applyHire(ctx, event, merged, known);
      else if (event.type === 'update' || event.type === 'move') event = await applyMove(ctx, event, merged);
      else if (event.type === 'leave') event = await applyLeave(ctx, event, data.employeeId);
      else event = await applyCancel(ctx, event);
      return await this.finish(event.id, event.type === 'cancel' ? null : merged, event.type === 'hire');
    } catch (error) {
      if (error instanceof EventMovedOn) return { eventId, status: error.status, skipped: `it is ${error.status} now` };
      return this.failed(eventId, error, retryCount);
    }
  }

  /** The event if it is to be applied now (its attempts counted), or why not. */
  private claim(eventId: string): Promise<{ event: HrEvent } | ApplyHrEventOutput> {
    return this.uow.run(async (tx) => {
      const event = await tx.hr.getForUpdate(eventId);
      if (!event) return { eventId, status: null, skipped: 'no such event' };
      await tx.hr.getPersonForUpdate(event.person.employeeId);
      if (event.status !== 'pending' && event.status !== 'retrying') return { eventId, status: event.status, skipped: `it is ${event.status}` };
      if (!event.immediate && event.effectiveAt > this.now()) return { eventId, status: event.status, skipped: 'not due yet' };
      return { event: await tx.hr.update({ ...event, attempts: event.attempts + 1 }) };
    });
  }

  /** The person's data: as the event gives it, or fetched from the HR system's API for a notification (kept on the event). */
  private async detailsOf(event: HrEvent): Promise<HrPersonData> {
    if (!event.fetchDetails) return event.person;
    const details = this.sources.details;
    if (!details)
      throw cannotApply(
        `the event carries only an employee id and no HR API is configured for ${event.source} to fetch the person from: configure it, then replay the event`,
      );
    const fetched = mergePersonData(event.person, await details.fetch(event.source, event.person.employeeId));
    await this.uow.run(async (tx) => {
      const current = await tx.hr.getForUpdate(event.id);
      if (current) await tx.hr.update({ ...current, person: fetched });
    });
    return fetched;
  }

  /**
   * A notification's type and time were guessed from a payload without the person's data (see notificationPlan). A hire
   * to come is left pending at its start day for the sweep; an update of a person whose last day has passed becomes
   * their leave, applied now; one whose last day is to come stays an update, and their leave is stored as an event of
   * its own (eventId `leave:<employee id>:<day>`, so a second notification does not schedule it twice).
   */
  private async reschedule(event: HrEvent, data: HrPersonData): Promise<ApplyHrEventOutput | null> {
    const now = this.now();
    const plan = notificationPlan(event, data, this.config.timeZone ?? 'Europe/Paris', now);
    if (!plan) return null;
    return this.uow.run(async (tx) => {
      const current = await tx.hr.getForUpdate(event.id);
      if (!current || (current.status !== 'pending' && current.status !== 'retrying'))
        return { eventId: event.id, status: current?.status ?? null, skipped: 'it moved on' };
      if (plan.kind === 'schedule-leave') {
        const { event: leave, duplicate } = await tx.hr.insert(
          pendingHrEvent(
            {
              id: randomUUID(),
              source: current.source,
              eventId: `leave:${data.employeeId}:${data.endDate}`,
              type: 'leave',
              effectiveAt: plan.effectiveAt,
              immediate: false,
              person: data,
              cancels: null,
              fetchDetails: false,
            },
            now,
          ),
        );
        if (!duplicate)
          await tx.trail.record(
            hrEntry(leave, {
              action: 'hr-event.received',
              after: { type: 'leave', eventId: leave.eventId, from: current.eventId, reason: plan.reason, effectiveAt: plan.effectiveAt.toISOString() },
            }),
          );
        return null;
      }
      const saved = await tx.hr.update({
        ...current,
        type: plan.type,
        effectiveAt: plan.effectiveAt,
        status: plan.kind === 'wait' ? 'pending' : current.status,
      });
      await tx.trail.record(
        hrEntry(saved, {
          action: 'hr-event.rescheduled',
          before: { type: current.type, effectiveAt: current.effectiveAt.toISOString() },
          after: { type: saved.type, effectiveAt: saved.effectiveAt.toISOString(), reason: plan.reason },
        }),
      );
      return plan.kind === 'wait' ? { eventId: event.id, status: saved.status, skipped: 'not due yet' } : null;
    });
  }

  /** Done; the person's data as merged (a hire makes them active again: a rehire). */
  private finish(eventId: string, merged: HrPersonData | null, hired: boolean): Promise<ApplyHrEventOutput> {
    return this.uow.run(async (tx) => {
      const event = await tx.hr.getForUpdate(eventId);
      if (!event || (event.status !== 'pending' && event.status !== 'retrying')) return { eventId, status: event?.status ?? null, skipped: 'it moved on' };
      const done = await tx.hr.update({ ...event, status: 'done', lastError: null, processedAt: this.now() });
      const person = await tx.hr.getPersonForUpdate(event.person.employeeId);
      if (person && merged) await tx.hr.savePerson({ ...person, data: merged, active: hired ? true : person.active, ...roleHistory(done, person, merged) });
      await tx.trail.record(
        hrEntry(
          done,
          { action: 'hr-event.done', after: { type: done.type, eventId: done.eventId, actions: done.actions.length } },
          person?.account?.login ?? null,
          person?.account?.directory ?? null,
        ),
      );
      return { eventId, status: done.status };
    });
  }

  /** Retrying (and 'unavailable' thrown again for the queue) while tries remain for a failure that may pass; dead otherwise. */
  private async failed(eventId: string, error: unknown, retryCount: number): Promise<ApplyHrEventOutput> {
    const kind = isVigieError(error) ? error.kind : null;
    const message = error instanceof Error ? error.message : String(error);
    const retry = kind === 'unavailable' && retryCount < this.config.retries.limit;
    const status = await this.uow.run(async (tx) => {
      const event = await tx.hr.getForUpdate(eventId);
      if (!event || (event.status !== 'pending' && event.status !== 'retrying')) return event?.status ?? null;
      const next: HrEventStatus = retry ? 'retrying' : 'dead';
      const saved = await tx.hr.update({ ...event, status: next, lastError: { message, kind }, processedAt: retry ? event.processedAt : this.now() });
      await tx.trail.record(
        hrEntry(saved, {
          action: retry ? 'hr-event.retrying' : 'hr-event.dead',
          after: { type: saved.type, eventId: saved.eventId, attempts: saved.attempts, error: { message, kind } },
        }),
      );
      return next;
    });
    if (retry && status === 'retrying') throw new VigieError('unavailable', `HR event ${eventId} will be tried again: ${message}`);
    return { eventId, status };
  }
}

/**
 * What the audit reads of an applied event besides the data: a change of department or title (G-MOVER: the old role's
 * groups still held after the grace), the end of a leaver's access (G-LEAVER, R-LEAVER-RETENTION), cleared by a rehire.
 */
function roleHistory(event: HrEvent, person: HrPerson, merged: HrPersonData): Pick<HrPerson, 'moved' | 'leftAt'> {
  const before = person.data;
  const changed = (before.department ?? null) !== (merged.department ?? null) || (before.title ?? null) !== (merged.title ?? null);
  const moved =
    (event.type === 'update' || event.type === 'move') && changed
      ? { at: event.effectiveAt, previousDepartment: before.department, previousTitle: before.title }
      : (person.moved ?? null);
  const leftAt =
    event.type === 'leave'
      ? event.immediate
        ? (event.processedAt ?? event.effectiveAt)
        : event.effectiveAt
      : event.type === 'hire'
        ? null
        : (person.leftAt ?? null);
  return { moved, leftAt };
}

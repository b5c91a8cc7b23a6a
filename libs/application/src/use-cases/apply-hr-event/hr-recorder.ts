import { type UnitOfWork, VigieError } from '#vigie/common';
import type { HrAction, HrEvent, HrPerson } from '#vigie/hr';
import { type HrTransaction, hrEntry } from '../shared/hr-transaction.js';

export type NewHrAction = Omit<HrAction, 'at'>;

/** Thrown inside a recording when the event left pending/retrying meanwhile (a cancel, a replay on another worker). */
export class EventMovedOn extends Error {
  constructor(readonly status: HrEvent['status']) {
    super(`the HR event is ${status} now`);
  }
}

/**
 * Each step the worker took in the directory, recorded as it is taken: the event's actions, the trail entry saying it,
 * and what else the step changes (the person, a follow-up) in one unit of work, under the event's and the person's
 * locks, so that a retried job reads where the last one stopped.
 */
export class HrRecorder {
  constructor(
    private readonly uow: UnitOfWork<HrTransaction>,
    private readonly now: () => Date,
  ) {}

  async record(
    eventId: string,
    step: { action: string; actions: NewHrAction[]; details?: Record<string, unknown>; login?: string | null; directory?: string | null },
    more?: (tx: HrTransaction, event: HrEvent, person: HrPerson | null) => Promise<void>,
  ): Promise<HrEvent> {
    return this.uow.run(async (tx) => {
      const event = await tx.hr.getForUpdate(eventId);
      if (!event) throw new VigieError('not-found', `no HR event has the id ${eventId}`);
      if (event.status !== 'pending' && event.status !== 'retrying') throw new EventMovedOn(event.status);
      const person = await tx.hr.getPersonForUpdate(event.person.employeeId);
      const at = this.now();
      const saved = await tx.hr.update({ ...event, actions: [...event.actions, ...step.actions.map((a) => ({ ...a, at }))] });
      await tx.trail.record(
        hrEntry(
          saved,
          { action: step.action, after: { type: event.type, eventId: event.eventId, actions: step.actions, ...step.details } },
          step.login ?? person?.account?.login ?? null,
          step.directory ?? person?.account?.directory ?? null,
        ),
      );
      if (more) await more(tx, saved, person);
      return saved;
    });
  }
}

/** Whether the event already did this (a retried job skips what its last try recorded). */
export function hasDone(event: HrEvent, kind: HrAction['kind'], dn?: string): boolean {
  return event.actions.some((a) => a.kind === kind && (dn === undefined || a.dn?.toLowerCase() === dn.toLowerCase()));
}

import * as z from 'zod';
import { type UnitOfWork, VigieError } from '#vigie/common';
import type { HrEvent } from '#vigie/hr';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { type HrRetries, type HrTransaction, enqueueApply, hrEntry } from '../shared/hr-transaction.js';

export const replayHrEventInput = z
  .object({
    id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected an HR event id (a UUID), as `vigie hr events` shows it'),
  })
  .strict();

/**
 * An administrator gives a dead (or retrying) event a new start once its cause is fixed (the manager created, the
 * department mapped): checked and changed under the row's lock, with its tries counted from zero, its last error kept
 * in the trail entry, and handed to the worker again (a new job: its version changed) when its time has come.
 */
export class ReplayHrEvent implements UseCase<typeof replayHrEventInput, HrEvent> {
  static readonly definition: UseCaseDefinition<typeof replayHrEventInput> = {
    name: 'replay-hr-event',
    input: replayHrEventInput,
    ability: ['update', 'HrEvent'],
  };
  readonly definition = ReplayHrEvent.definition;

  constructor(
    private readonly uow: UnitOfWork<HrTransaction>,
    private readonly retries: HrRetries,
    private readonly now: () => Date = () => new Date(),
  ) {}

  execute(input: z.output<typeof replayHrEventInput>): Promise<HrEvent> {
    return this.uow.run(async ({ hr, trail, jobs }) => {
      const event = await hr.getForUpdate(input.id);
      if (!event) throw new VigieError('not-found', `no HR event has the id ${input.id}: see \`vigie hr events\``);
      if (event.status !== 'dead' && event.status !== 'retrying') {
        throw new VigieError(
          'conflict',
          `the HR event ${event.id} is ${event.status}: only a dead event (or one still retrying) is replayed; see \`vigie hr events --status dead\``,
        );
      }
      const replayed = await hr.update({ ...event, status: 'pending', attempts: 0, lastError: null, processedAt: null });
      await trail.record(
        hrEntry(replayed, {
          action: 'hr-event.replayed',
          before: { status: event.status, attempts: event.attempts, lastError: event.lastError, version: event.version },
          after: { status: replayed.status, attempts: 0, version: replayed.version },
        }),
      );
      // Not yet due (a dead event sent early): the sweep hands it over on its day.
      if (replayed.effectiveAt <= this.now()) await enqueueApply(jobs, replayed, this.retries);
      return replayed;
    });
  }
}

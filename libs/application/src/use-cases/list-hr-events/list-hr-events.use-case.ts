import * as z from 'zod';
import { HR_EVENT_STATUSES, type HrEventPage, type HrEventStore } from '#vigie/hr';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { commaList, oneOf, pageLimit } from '../shared/input-schemas.js';

/** status `dead` is the dead-letter list: the events whose tries ran out, with their reason, to replay once fixed. */
export const listHrEventsInput = z
  .object({
    status: commaList.pipe(z.array(oneOf(HR_EVENT_STATUSES))).optional(),
    employeeId: z.string().trim().min(1).max(64).optional(),
    limit: pageLimit,
    cursor: z.string().max(512).optional(),
  })
  .strict();

/** HR events, newest received first, a page at a time, with their status, actions and last error. */
export class ListHrEvents implements UseCase<typeof listHrEventsInput, HrEventPage> {
  static readonly definition: UseCaseDefinition<typeof listHrEventsInput> = { name: 'list-hr-events', input: listHrEventsInput, ability: ['read', 'HrEvent'] };
  readonly definition = ListHrEvents.definition;

  constructor(private readonly store: Pick<HrEventStore, 'list'>) {}

  execute(input: z.output<typeof listHrEventsInput>): Promise<HrEventPage> {
    return this.store.list({
      limit: input.limit,
      ...(input.status?.length ? { status: input.status } : {}),
      ...(input.employeeId ? { employeeId: input.employeeId } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
    });
  }
}

import type * as z from 'zod';
import { abilitiesFor, allowsRecord } from '#vigie/access-control';
import type { JobOutbox, UnitOfWork } from '#vigie/common';
import { type AccessRequest, type AccessRequestStore, cancelRequest } from '#vigie/requests';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { type RequestPeople, factsOf, noSuchRequest, requestCallerOf } from '../shared/request-callers.js';
import { enqueueNotice } from '../shared/request-notices.js';
import { cancelAccessRequestInput } from './cancel-access-request.input.js';

type Tx = { requests: AccessRequestStore; trail: TrailWriter; jobs: JobOutbox };

/**
 * The requester withdraws a request still pending: checked on the request locked in the transaction that closes it,
 * so that a cancellation and a last approval at once do not both pass. The approvers and the beneficiary are told.
 */
export class CancelAccessRequest implements UseCase<typeof cancelAccessRequestInput, AccessRequest> {
  static readonly definition: UseCaseDefinition<typeof cancelAccessRequestInput> = {
    name: 'cancel-access-request',
    input: cancelAccessRequestInput,
    // Who may make a request may withdraw their own: the request's requester is checked on the record.
    ability: ['create', 'AccessRequest'],
    checksConditions: true,
  };
  readonly definition = CancelAccessRequest.definition;

  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly people: Pick<RequestPeople, 'byLogin'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof cancelAccessRequestInput>, context: UseCaseContext): Promise<AccessRequest> {
    const caller = await requestCallerOf(context.actor, input.as, this.people);
    return this.uow.run(async ({ requests, trail, jobs }) => {
      const request = await requests.getForUpdate(input.id);
      if (!request || (caller.staff && !allowsRecord(abilitiesFor(caller.staff), 'read', 'AccessRequest', factsOf(request)))) throw noSuchRequest(input.id);
      const saved = await requests.update(cancelRequest(request, caller.person.key, this.now()));
      await trail.record({
        action: 'access-request.cancelled',
        target: { type: 'access-request', id: saved.id },
        before: { status: request.status, stage: request.currentStage === null ? null : request.currentStage + 1 },
        after: { status: saved.status, ...(caller.staff ? {} : { from: 'command-line' }) },
      });
      await enqueueNotice(jobs, saved, 'cancelled');
      return saved;
    });
  }
}

import type * as z from 'zod';
import { abilitiesFor, allowsRecord, personKey } from '#vigie/access-control';
import type { AccessRequest, AccessRequestStore } from '#vigie/requests';
import type { Actor, UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { factsOf, noSuchRequest } from '../shared/request-callers.js';
import { showAccessRequestInput } from './show-access-request.input.js';

/**
 * One access request, with its stages, decisions and grant. A request the caller may not read is answered as one that
 * does not exist (the same 404, the same message), except to the deputy of one of its current approvers, who decides it.
 */
export class ShowAccessRequest implements UseCase<typeof showAccessRequestInput, AccessRequest> {
  static readonly definition: UseCaseDefinition<typeof showAccessRequestInput> = {
    name: 'show-access-request',
    input: showAccessRequestInput,
    ability: ['read', 'AccessRequest'],
    checksConditions: true,
  };
  readonly definition = ShowAccessRequest.definition;

  constructor(
    private readonly store: AccessRequestStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof showAccessRequestInput>, context: UseCaseContext): Promise<AccessRequest> {
    const request = await this.store.get(input.id);
    if (!request) throw noSuchRequest(input.id);
    const actor = context.actor;
    if (actor.type === 'system' || allowsRecord(abilitiesFor(actor), 'read', 'AccessRequest', factsOf(request))) return request;
    if (await this.isDeputyOfCurrentStage(request, actor)) return request;
    throw noSuchRequest(input.id);
  }

  private async isDeputyOfCurrentStage(request: AccessRequest, actor: Actor): Promise<boolean> {
    const stage = request.status === 'pending' && request.currentStage !== null ? request.stages[request.currentStage] : undefined;
    if (!stage || actor.type !== 'person' || !actor.person) return false;
    const delegations = await this.store.delegationsTo(personKey(actor.person), this.now());
    return delegations.some((d) => stage.approvers.includes(d.delegator));
  }
}

import type * as z from 'zod';
import { abilitiesFor, allowsEveryRecord, allowsRecord } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { AccessRequestPage, AccessRequestQuery, AccessRequestStore } from '#vigie/requests';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { type RequestCaller, type RequestPeople, factsOf, holds, requestCallerOf } from '../shared/request-callers.js';
import { listAccessRequestsInput } from './list-access-requests.input.js';

type Input = z.output<typeof listAccessRequestsInput>;

/**
 * Access requests a page at a time, newest first: mine (made by me or for me), to decide (pending at a stage I or
 * someone who delegated to me decides, every security-officer stage for a security officer), or all I may read
 * (everything for the roles that read every request, else those that involve me).
 */
export class ListAccessRequests implements UseCase<typeof listAccessRequestsInput, AccessRequestPage> {
  static readonly definition: UseCaseDefinition<typeof listAccessRequestsInput> = {
    name: 'list-access-requests',
    input: listAccessRequestsInput,
    ability: ['read', 'AccessRequest'],
    checksConditions: true,
  };
  readonly definition = ListAccessRequests.definition;

  constructor(
    private readonly store: AccessRequestStore,
    private readonly people: Pick<RequestPeople, 'byLogin'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: Input, context: UseCaseContext): Promise<AccessRequestPage> {
    const page = { limit: input.limit, ...(input.cursor ? { cursor: input.cursor } : {}) };
    const filters = { ...(input.status?.length ? { status: input.status } : {}), ...(input.resource ? { resourceId: input.resource } : {}) };
    const actor = context.actor;
    const readsAll = actor.type === 'system' || allowsEveryRecord(abilitiesFor(actor), 'read', 'AccessRequest');
    if (input.view === 'all' && readsAll) {
      if (input.as !== undefined) throw new VigieError('invalid-input', 'as: names whose view `mine` and `to-decide` are; `all` is everyone’s');
      return this.store.list({ ...filters, ...page });
    }
    const caller = await requestCallerOf(actor, input.as, this.people);
    const query: AccessRequestQuery = { ...filters, ...page, ...(await this.viewOf(input.view, caller)) };
    const found = await this.store.list(query);
    // The store's visibility is a superset of what some roles may read (an employee who is also someone's manager, without the approver role).
    if (!caller.staff || input.view !== 'all') return found;
    const abilities = abilitiesFor(caller.staff);
    return { ...found, items: found.items.filter((r) => allowsRecord(abilities, 'read', 'AccessRequest', factsOf(r))) };
  }

  private async viewOf(view: Input['view'], caller: RequestCaller): Promise<Partial<AccessRequestQuery>> {
    const me = caller.person.key;
    if (view === 'mine') return { madeByOrFor: me };
    if (view === 'all') return { visibleTo: [me] };
    const delegators = (await this.store.delegationsTo(me, this.now())).map((d) => d.delegator);
    return { awaitingDecisionBy: { keys: [me, ...delegators], securityOfficer: holds(caller, 'security-officer') } };
  }
}

import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { type UnitOfWork, VigieError } from '#vigie/common';
import type { AccessRequestStore, Delegation } from '#vigie/requests';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { type RequestPeople, holds, requestCallerOf } from '../shared/request-callers.js';
import { delegateApprovalsInput } from './delegate-approvals.input.js';

type Tx = { requests: AccessRequestStore; trail: TrailWriter };
const DAY = 86_400_000;
/** A delegation covers an absence, not a standing transfer of someone's approvals. */
const MAX_DAYS = 90;

/**
 * An approver (or a security officer, for the stages they are named on) names a deputy who decides in their place
 * for a period: the deputy's decisions say for whom. A security-officer stage stays with the holders of that role.
 */
export class DelegateApprovals implements UseCase<typeof delegateApprovalsInput, Delegation> {
  static readonly definition: UseCaseDefinition<typeof delegateApprovalsInput> = {
    name: 'delegate-approvals',
    input: delegateApprovalsInput,
    ability: ['decide', 'AccessRequest'],
    checksConditions: true,
  };
  readonly definition = DelegateApprovals.definition;

  constructor(
    private readonly uow: UnitOfWork<Tx>,
    private readonly people: Pick<RequestPeople, 'byLogin'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof delegateApprovalsInput>, context: UseCaseContext): Promise<Delegation> {
    const caller = await requestCallerOf(context.actor, input.as, this.people);
    if (!holds(caller, 'approver') && !holds(caller, 'security-officer')) {
      throw new VigieError('forbidden', 'only an approver or a security officer has approvals to delegate');
    }
    const now = this.now();
    const from = input.from ?? now;
    if (input.until <= from) throw new VigieError('invalid-input', 'until: must be after from (or after now when from is not given)');
    if (input.until <= now) throw new VigieError('invalid-input', 'until: must be in the future');
    if (input.until.getTime() - from.getTime() > MAX_DAYS * DAY) throw new VigieError('invalid-input', `until: a delegation lasts ${MAX_DAYS} days at most`);
    const deputy = await this.people.byLogin(input.deputy);
    if (deputy.key === caller.person.key) throw new VigieError('invalid-input', 'deputy: name someone else than yourself');
    const delegation: Delegation = {
      id: randomUUID(),
      delegator: caller.person.key,
      deputy,
      from,
      until: input.until,
      createdBy: caller.person.key,
      createdAt: now,
      revokedAt: null,
    };
    return this.uow.run(async ({ requests, trail }) => {
      await requests.insertDelegation(delegation);
      await trail.record({
        action: 'delegation.created',
        target: { type: 'delegation', id: delegation.id },
        after: { from: from.toISOString(), until: input.until.toISOString(), ...(caller.staff ? {} : { by: 'command-line' }) },
        personal: { delegator: caller.person.login ?? caller.person.key, deputy: deputy.login ?? deputy.key },
      });
      return delegation;
    });
  }
}

import type * as z from 'zod';
import { abilitiesFor, allowsRecord, personKey } from '#vigie/access-control';
import { type UnitOfWork, VigieError } from '#vigie/common';
import { type AccessRequest, ending } from '#vigie/requests';
import type { Actor, UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { enqueueRemoval, membershipOf, type RequestTransaction, requestEntry } from '../shared/request-transaction.js';
import { revokeAccessGrantInput } from './revoke-access-grant.input.js';

/**
 * Ends a grant before its time, on demand: a security officer, or an owner of the resource, with a reason; the command
 * line as the system (naming the operator's person with `as`). The grant turns to removing, the removal job is queued
 * and the revocation is in the trail, in one unit of work under the request's lock; the job removes the membership
 * (or leaves alone access granted outside Vigie) and tells people.
 */
export class RevokeAccessGrant implements UseCase<typeof revokeAccessGrantInput, AccessRequest> {
  static readonly definition: UseCaseDefinition<typeof revokeAccessGrantInput> = {
    name: 'revoke-access-grant',
    input: revokeAccessGrantInput,
    ability: ['decide', 'AccessRequest'],
    checksConditions: true,
  };
  readonly definition = RevokeAccessGrant.definition;

  constructor(
    private readonly uow: UnitOfWork<RequestTransaction>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof revokeAccessGrantInput>, context: UseCaseContext): Promise<AccessRequest> {
    const actor = context.actor;
    if (actor.type !== 'system' && input.as) throw new VigieError('invalid-input', '`as` is for the command line: a member of staff revokes as themselves');
    return this.uow.run(async (tx) => {
      const request = await tx.requests.getForUpdate(input.id);
      // Who may not see the request is not told it exists.
      if (!request || !maySee(actor, request)) throw new VigieError('not-found', `no access request has the id ${input.id}`);
      if (!mayRevoke(actor, request)) {
        throw new VigieError('forbidden', 'only a security officer or an owner of the resource revokes a grant');
      }
      const status = request.grant?.status;
      if (status !== 'active' && status !== 'provisioning') {
        throw new VigieError('conflict', `request ${request.id} has ${request.grant ? `a grant that is ${status}` : 'no grant'}: nothing to revoke`);
      }
      const by = actor.type === 'system' ? `system:${actor.id}` : actor.person ? personKey(actor.person) : `${actor.type}:${actor.id}`;
      const saved = await tx.requests.update(ending(request, 'revoked', by, input.reason, this.now()));
      await tx.trail.record(
        requestEntry(saved, {
          action: 'access-grant.revoked',
          after: { ...membershipOf(saved), revokedBy: by, as: input.as ?? null, previousStatus: status },
          reason: input.reason,
        }),
      );
      await enqueueRemoval(tx.jobs, saved);
      return saved;
    });
  }
}

function factsOf(request: AccessRequest) {
  return {
    requester: request.requester.key,
    beneficiary: request.beneficiary.key,
    beneficiaryManager: request.beneficiaryManager,
    resourceOwners: request.resourceOwners,
  };
}

function maySee(actor: Actor, request: AccessRequest): boolean {
  return actor.type === 'system' || allowsRecord(abilitiesFor(actor), 'read', 'AccessRequest', factsOf(request));
}

/** The system; or a person holding the ability on this request who is a security officer or one of its owners. */
function mayRevoke(actor: Actor, request: AccessRequest): boolean {
  if (actor.type === 'system') return true;
  if (!actor.person || !allowsRecord(abilitiesFor(actor), 'decide', 'AccessRequest', factsOf(request))) return false;
  return actor.roles.includes('security-officer') || request.resourceOwners.includes(personKey(actor.person));
}

import type * as z from 'zod';
import type { AccountFilter, EffectiveAccessService, IdentityAccessView } from '#vigie/access';
import { abilitiesFor, allowsEveryRecord, allowsRecord, personKey } from '#vigie/access-control';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { identityAccessInput } from './identity-access.input.js';

/**
 * Every resource an identity's accounts reach, at which level, and how. Staff who may read everyone's access see any
 * identity; an employee sees only their own accounts: another's identity is answered as one that does not exist
 * (the same 404, the same message), so that the answer does not tell who exists.
 */
export class IdentityAccess implements UseCase<typeof identityAccessInput, IdentityAccessView> {
  static readonly definition: UseCaseDefinition<typeof identityAccessInput> = {
    name: 'identity-access',
    input: identityAccessInput,
    ability: ['read', 'Access'],
    checksConditions: true,
  };
  readonly definition = IdentityAccess.definition;

  constructor(private readonly access: EffectiveAccessService) {}

  execute(input: z.output<typeof identityAccessInput>, context?: UseCaseContext): Promise<IdentityAccessView> {
    return this.access.identityAccess(input.identity, { directory: input.directory, visible: visibleTo(context) });
  }
}

/** The accounts the caller may see; undefined (all) for the system and for staff who may read every identity's access. */
function visibleTo(context: UseCaseContext | undefined): AccountFilter | undefined {
  const actor = context?.actor;
  if (!actor || actor.type === 'system') return undefined;
  const abilities = abilitiesFor(actor);
  if (allowsEveryRecord(abilities, 'read', 'Access')) return undefined;
  return (account) => allowsRecord(abilities, 'read', 'Access', { account: personKey(account) });
}

import type * as z from 'zod';
import type { EffectiveAccessService, IdentityAccessView } from '#vigie/access';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { identityAccessInput } from './identity-access.input.js';

/** Every resource an identity's accounts reach, at which level, and how. */
export class IdentityAccess implements UseCase<typeof identityAccessInput, IdentityAccessView> {
  static readonly definition: UseCaseDefinition<typeof identityAccessInput> = {
    name: 'identity-access',
    input: identityAccessInput,
    ability: ['read', 'Access'],
  };
  readonly definition = IdentityAccess.definition;

  constructor(private readonly access: EffectiveAccessService) {}

  execute(input: z.output<typeof identityAccessInput>): Promise<IdentityAccessView> {
    return this.access.identityAccess(input.identity, { directory: input.directory });
  }
}

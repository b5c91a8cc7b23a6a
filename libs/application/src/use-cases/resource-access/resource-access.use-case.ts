import type * as z from 'zod';
import type { EffectiveAccessService, ResourceAccessView } from '#vigie/access';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { resourceAccessInput } from './resource-access.input.js';

/** Who can reach a resource of the policy, at which level, and how; a page of holders at a time. */
export class ResourceAccess implements UseCase<typeof resourceAccessInput, ResourceAccessView> {
  static readonly definition: UseCaseDefinition<typeof resourceAccessInput> = {
    name: 'resource-access',
    input: resourceAccessInput,
    ability: ['read', 'Access'],
  };
  readonly definition = ResourceAccess.definition;

  constructor(private readonly access: EffectiveAccessService) {}

  execute(input: z.output<typeof resourceAccessInput>): Promise<ResourceAccessView> {
    const { resource, ...options } = input;
    return this.access.resourceAccess(resource, options);
  }
}

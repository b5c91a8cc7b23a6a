import type * as z from 'zod';
import type { EffectiveAccessService, ResourceSummary } from '#vigie/access';
import { VigieError } from '#vigie/common';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { showResourceInput } from './show-resource.input.js';

export interface ResourceView {
  policyVersion: string;
  resource: ResourceSummary;
}

/**
 * One resource of the policy. Who holds it is resource-access's question: counting holders needs the directory
 * slice below the resource's groups, which is not cheap enough for a page that only shows the resource.
 */
export class ShowResource implements UseCase<typeof showResourceInput, ResourceView> {
  static readonly definition: UseCaseDefinition<typeof showResourceInput> = { name: 'show-resource', input: showResourceInput, ability: ['read', 'Access'] };
  readonly definition = ShowResource.definition;

  constructor(private readonly access: Pick<EffectiveAccessService, 'resourceCatalogue'>) {}

  async execute(input: z.output<typeof showResourceInput>): Promise<ResourceView> {
    const { policyVersion, resources } = await this.access.resourceCatalogue();
    const resource = resources.find((r) => r.id === input.resource);
    if (!resource) throw new VigieError('not-found', `the policy has no resource '${input.resource}': list them with GET /api/resources`);
    return { policyVersion, resource };
  }
}

import type * as z from 'zod';
import type { EffectiveAccessService, ExplanationView } from '#vigie/access';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { explainAccessInput } from './explain-access.input.js';

/** How an identity reaches a resource of the policy: every path from its accounts to the granting groups, or none. */
export class ExplainAccess implements UseCase<typeof explainAccessInput, ExplanationView> {
  static readonly definition: UseCaseDefinition<typeof explainAccessInput> = { name: 'explain-access', input: explainAccessInput, ability: ['read', 'Access'] };
  readonly definition = ExplainAccess.definition;

  constructor(private readonly access: EffectiveAccessService) {}

  execute(input: z.output<typeof explainAccessInput>): Promise<ExplanationView> {
    return this.access.explain(input.identity, input.resource, { directory: input.directory });
  }
}

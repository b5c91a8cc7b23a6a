import * as z from 'zod';
import type { ApiTokenRecord, ApiTokenService } from '#vigie/access-control';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const listTokensInput = z.object({}).strict();

/** Every token, never its secret. */
export class ListTokens implements UseCase<typeof listTokensInput, ApiTokenRecord[]> {
  static readonly definition: UseCaseDefinition<typeof listTokensInput> = { name: 'list-tokens', input: listTokensInput, ability: ['read', 'ApiToken'] };
  readonly definition = ListTokens.definition;

  constructor(private readonly tokens: ApiTokenService) {}

  execute(): Promise<ApiTokenRecord[]> {
    return this.tokens.list();
  }
}

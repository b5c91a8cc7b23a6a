import type * as z from 'zod';
import type { ApiTokenRecord, ApiTokenService } from '#vigie/access-control';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { createTokenInput } from './create-token.input.js';

/** A new API token, shown once (stored as a digest), with its trail entry in the same transaction. */
export class CreateToken implements UseCase<typeof createTokenInput, { token: string; record: ApiTokenRecord }> {
  static readonly definition: UseCaseDefinition<typeof createTokenInput> = { name: 'create-token', input: createTokenInput, ability: ['create', 'ApiToken'] };
  readonly definition = CreateToken.definition;

  constructor(private readonly tokens: ApiTokenService) {}

  execute(input: z.output<typeof createTokenInput>): Promise<{ token: string; record: ApiTokenRecord }> {
    return this.tokens.create(input);
  }
}

import type * as z from 'zod';
import type { ApiTokenService } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { revokeTokenInput } from './revoke-token.input.js';

/** Revokes an active token; its revocation and trail entry commit together. */
export class RevokeToken implements UseCase<typeof revokeTokenInput, { id: string }> {
  static readonly definition: UseCaseDefinition<typeof revokeTokenInput> = { name: 'revoke-token', input: revokeTokenInput, ability: ['update', 'ApiToken'] };
  readonly definition = RevokeToken.definition;

  constructor(private readonly tokens: ApiTokenService) {}

  async execute(input: z.output<typeof revokeTokenInput>): Promise<{ id: string }> {
    if (!(await this.tokens.revoke(input.id))) throw new VigieError('not-found', `no active token with id ${input.id}: see \`vigie token list\``);
    return { id: input.id };
  }
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type * as z from 'zod';
import type { SignInAttempts } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { VigieConfig } from '#vigie/config';
import type { VigieLogger } from '#vigie/logging';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { authenticateScimTokenInput } from './authenticate-scim-token.input.js';

/**
 * Whether a request may use /scim/v2: its bearer token must be the SCIM token (config hr.scim.token, from the
 * environment), compared in constant time; nothing else opens SCIM, and the SCIM token opens nothing else (the API's
 * tokens are checked by authenticate-token). A failure is counted and trailed as a failed API token is (SignInAttempts:
 * one trail entry per window and source, a lockout of the source after too many, an alert on a burst).
 */
export class AuthenticateScimToken implements UseCase<typeof authenticateScimTokenInput, true> {
  static readonly definition: UseCaseDefinition<typeof authenticateScimTokenInput> = { name: 'authenticate-scim-token', input: authenticateScimTokenInput };
  readonly definition = AuthenticateScimToken.definition;

  constructor(
    private readonly scim: VigieConfig['hr']['scim'],
    private readonly attempts: SignInAttempts,
    private readonly logger: VigieLogger,
  ) {}

  async execute(input: z.output<typeof authenticateScimTokenInput>, context: UseCaseContext): Promise<true> {
    const expected = this.scim.token;
    if (!expected) {
      throw new VigieError(
        'unavailable',
        `SCIM is not set up: set the environment variable ${this.scim.tokenEnv} (hr.scim.tokenEnv) to a token of at least 32 characters ` +
          '(e.g. openssl rand -hex 32), restart Vigie, and give the same token to the provisioning client',
      );
    }
    const attempt = { source: context.sourceAddress, method: 'token' as const, route: `${input.method} ${input.route}` };
    const block = await this.attempts.blocked(attempt);
    if (block) {
      throw new VigieError(
        'too-many-requests',
        `too many failed SCIM tokens from this address: none is checked from it for ${block.retryAfterSeconds} s (Retry-After); check the token your client sends`,
        { retryAfterSeconds: block.retryAfterSeconds },
      );
    }
    if (input.token && sameSecret(input.token, expected)) return true;
    const reason = input.token ? 'SCIM token refused' : 'no token';
    // Counting is the protection, the answer is still a refusal: a database hiccup here must not turn it into a 500.
    await this.attempts.failed(attempt, reason).catch((err: unknown) => this.logger.error({ msg: 'could not count a failed SCIM token', err }));
    throw new VigieError('unauthenticated', 'send the SCIM token of Vigie as "Authorization: Bearer <token>" (hr.scim.tokenEnv)');
  }
}

/** Equal in constant time, whatever the lengths: both sides are hashed first. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

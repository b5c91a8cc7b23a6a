import type * as z from 'zod';
import type { ApiTokenService, SignInAttempts, Staff } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { VigieLogger } from '#vigie/logging';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { authenticateTokenInput } from './authenticate-token.input.js';

/** How long a token's successful use from one address counts as one sign-in (per process). */
const SUCCESS_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * Who is calling the API, from a bearer token: the staff principal, or null (unknown, revoked or expired: never
 * which). A source address that failed too often is refused first with `too-many-requests` (429 and Retry-After)
 * without its token being checked at all. Failures are counted by SignInAttempts, which writes one trail entry per
 * window and source with its count (kind `access`), never one per attempt; a success is recorded once per token and
 * address every 10 minutes in a process, so that the trail is not flooded.
 */
export class AuthenticateToken implements UseCase<typeof authenticateTokenInput, Staff | null> {
  static readonly definition: UseCaseDefinition<typeof authenticateTokenInput> = { name: 'authenticate-token', input: authenticateTokenInput };
  readonly definition = AuthenticateToken.definition;
  private readonly lastSuccess = new Map<string, number>();

  constructor(
    private readonly tokens: ApiTokenService,
    private readonly attempts: SignInAttempts,
    private readonly trail: TrailWriter,
    private readonly logger: VigieLogger,
    private readonly now: () => number = Date.now,
  ) {}

  async execute(input: z.output<typeof authenticateTokenInput>, context: UseCaseContext): Promise<Staff | null> {
    const attempt = { source: context.sourceAddress, method: 'token' as const, route: `${input.method} ${input.route}` };
    const block = await this.attempts.blocked(attempt);
    if (block) {
      throw new VigieError(
        'too-many-requests',
        `too many failed sign-ins from this address: no token is checked from it for ${block.retryAfterSeconds} s (Retry-After); check the token your client sends`,
        { retryAfterSeconds: block.retryAfterSeconds },
      );
    }
    const principal = input.token ? await this.tokens.verify(input.token) : null;
    if (!principal) {
      const reason = input.token ? 'token refused (unknown, revoked or expired)' : 'no token';
      // Counting is the protection, the answer is still a refusal: a database hiccup here must not turn it into a 500.
      await this.attempts.failed(attempt, reason).catch((err: unknown) => this.logger.error({ msg: 'could not count a failed sign-in', err }));
      return null;
    }
    await this.attempts.succeeded(attempt);
    const key = `${principal.id}|${context.sourceAddress ?? ''}`;
    const now = this.now();
    const last = this.lastSuccess.get(key);
    if (last === undefined || now - last >= SUCCESS_WINDOW_MS) {
      if (this.lastSuccess.size >= MAX_REMEMBERED) this.lastSuccess.clear();
      this.lastSuccess.set(key, now);
      await this.trail
        .record({
          action: 'auth.succeeded',
          actor: { type: 'token', id: principal.id },
          target: { type: 'api', id: 'bearer' },
          after: { role: principal.roles[0] },
          personal: { tokenName: principal.name },
        })
        .catch((err: unknown) => this.logger.error({ msg: 'could not record a sign-in in the trail', err }));
    }
    return principal;
  }
}

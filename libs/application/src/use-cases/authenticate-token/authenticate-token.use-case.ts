import type * as z from 'zod';
import type { ApiTokenService, Staff } from '#vigie/access-control';
import type { VigieLogger } from '#vigie/logging';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { authenticateTokenInput } from './authenticate-token.input.js';

/** How long a token's successful use from one address counts as one sign-in (per process). */
const SUCCESS_WINDOW_MS = 10 * 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * Who is calling the API, from a bearer token: the staff principal, or null (unknown, revoked or expired: never
 * which). Every attempt is a sign-in, into the trail (kind `access`): every failure with its source address, and a
 * success once per token and address every 10 minutes in a process, so that the trail is not flooded.
 */
export class AuthenticateToken implements UseCase<typeof authenticateTokenInput, Staff | null> {
  static readonly definition: UseCaseDefinition<typeof authenticateTokenInput> = { name: 'authenticate-token', input: authenticateTokenInput };
  readonly definition = AuthenticateToken.definition;
  private readonly lastSuccess = new Map<string, number>();

  constructor(
    private readonly tokens: ApiTokenService,
    private readonly trail: TrailWriter,
    private readonly logger: VigieLogger,
    private readonly now: () => number = Date.now,
  ) {}

  async execute(input: z.output<typeof authenticateTokenInput>, context: UseCaseContext): Promise<Staff | null> {
    const principal = input.token ? await this.tokens.verify(input.token) : null;
    if (!principal) {
      await this.trail
        .record({
          action: 'auth.failed',
          actor: { type: 'token', id: 'unknown' },
          target: { type: 'api', id: input.route },
          after: { method: input.method, reason: input.token ? 'token refused (unknown, revoked or expired)' : 'no token' },
        })
        .catch((err: unknown) => this.logger.error({ msg: 'could not record a failed sign-in in the trail', err }));
      return null;
    }
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

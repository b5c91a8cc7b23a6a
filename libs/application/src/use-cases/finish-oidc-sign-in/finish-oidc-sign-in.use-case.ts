import * as z from 'zod';
import type { OidcLogin, OidcSignInStore, RoleMapping, SignInAttempts, StaffSessionService } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import type { SignedIn } from '../sign-in/sign-in.use-case.js';

export const finishOidcSignInInput = z
  .object({
    /** The binding cookie set when the sign-in started. */
    binding: z.string().max(200),
    /** The callback URL as the browser reached it (code, state, or the provider's error). */
    callbackUrl: z.string().max(8192),
  })
  .strict();

/**
 * The second half of an OpenID Connect sign-in: the pending sign-in of this browser taken (once), the code exchanged
 * and the ID token checked by the OIDC adapter, the roles mapped from the configured claim, and a web session opened.
 */
export class FinishOidcSignIn implements UseCase<typeof finishOidcSignInInput, SignedIn> {
  static readonly definition: UseCaseDefinition<typeof finishOidcSignInInput> = { name: 'finish-oidc-sign-in', input: finishOidcSignInInput };
  readonly definition = FinishOidcSignIn.definition;

  constructor(
    private readonly oidc: () => Promise<OidcLogin>,
    private readonly pending: OidcSignInStore,
    private readonly mapping: () => Promise<RoleMapping>,
    private readonly sessions: StaffSessionService,
    private readonly attempts: SignInAttempts,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof finishOidcSignInInput>, context: UseCaseContext): Promise<SignedIn> {
    const { digestOf, rolesFrom } = await import('#vigie/access-control');
    // Anyone can call the callback: its refusals are counted per address (one trail entry per window, never one per call).
    const attempt = { source: context.sourceAddress, method: 'oidc' as const, route: 'GET /api/auth/oidc/callback' };
    const block = await this.attempts.blocked(attempt);
    if (block) {
      throw new VigieError('too-many-requests', `too many failed sign-ins from this address: try again in ${block.retryAfterSeconds} s (Retry-After)`, {
        retryAfterSeconds: block.retryAfterSeconds,
      });
    }
    const refused = (reason: string) => this.attempts.failed(attempt, reason);
    const pending = input.binding ? await this.pending.take(digestOf(input.binding), this.now()) : null;
    if (!pending) {
      await refused('no pending sign-in for this browser (expired, used, or started elsewhere)');
      throw new VigieError('unauthenticated', 'this sign-in has expired or was already used: start again from the sign-in page');
    }
    let identity;
    try {
      identity = await (await this.oidc()).finish(new URL(input.callbackUrl), pending);
    } catch (err) {
      if (err instanceof VigieError && err.kind === 'unauthenticated') await refused(err.message);
      throw err;
    }
    const roles = rolesFrom(await this.mapping(), { claimValues: identity.claimValues });
    if (!roles.length) {
      await refused('signed in at the provider, but no role in Vigie');
      throw new VigieError('forbidden', 'you signed in, but your account has no role in Vigie: ask an administrator to map one of your groups in auth.roles');
    }
    const opened = await this.sessions.open({
      subject: `oidc:${identity.issuer}#${identity.subject}`,
      method: 'oidc',
      displayName: identity.displayName,
      roles,
      person: null,
    });
    return {
      token: opened.token,
      csrfToken: opened.csrfToken,
      expiresAt: opened.session.expiresAt,
      staff: { name: identity.displayName, roles, method: 'oidc' },
    };
  }
}

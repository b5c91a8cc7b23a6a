import * as z from 'zod';
import type { OidcLogin, OidcSignInStore } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const startOidcSignInInput = z.object({}).strict();

/** How long the person has at the provider before the sign-in must start again. */
const PENDING_MS = 10 * 60_000;

/**
 * The first half of an OpenID Connect sign-in: the provider's authorization URL to send the browser to, and a random
 * binding for an HTTP-only cookie, under whose digest the state, nonce and PKCE verifier wait on the server. The
 * callback must come back in the same browser (the cookie), once (the row is taken).
 */
export class StartOidcSignIn implements UseCase<typeof startOidcSignInInput, { url: string; binding: string }> {
  static readonly definition: UseCaseDefinition<typeof startOidcSignInInput> = { name: 'start-oidc-sign-in', input: startOidcSignInInput };
  readonly definition = StartOidcSignIn.definition;

  constructor(
    private readonly configured: boolean,
    private readonly oidc: () => Promise<OidcLogin>,
    private readonly pending: OidcSignInStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(): Promise<{ url: string; binding: string }> {
    if (!this.configured) throw new VigieError('not-found', 'signing in through OpenID Connect is not set up on this Vigie (auth.oidc)');
    const { newSecret, digestOf } = await import('#vigie/access-control');
    const started = await (await this.oidc()).start();
    const binding = newSecret();
    await this.pending.insert(digestOf(binding), started.pending, new Date(this.now().getTime() + PENDING_MS));
    return { url: started.url, binding };
  }
}

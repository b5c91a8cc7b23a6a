import { type OidcIdentity, OidcLogin, type OidcLoginStart, type OidcPendingSignIn, OidcSignInStore } from '#vigie/access-control';
import { VigieError } from '#vigie/common';

/** Pending OIDC sign-ins in a map. */
export class InMemoryOidcSignInStore extends OidcSignInStore {
  readonly rows = new Map<string, { pending: OidcPendingSignIn; expiresAt: Date }>();

  async insert(bindingHash: string, pending: OidcPendingSignIn, expiresAt: Date): Promise<void> {
    this.rows.set(bindingHash, { pending, expiresAt });
  }

  async take(bindingHash: string, now: Date): Promise<OidcPendingSignIn | null> {
    const row = this.rows.get(bindingHash);
    this.rows.delete(bindingHash);
    return row && row.expiresAt > now ? row.pending : null;
  }
}

/**
 * A provider that vouches for `identity` when the callback carries the state it issued (the real flow is tested
 * against oidc-provider under test/).
 */
export class ScriptedOidcLogin extends OidcLogin {
  private issued = 0;
  identity: OidcIdentity = { issuer: 'https://idp.example', subject: 'u-42', displayName: 'Chloé Dubois', login: 'cdubois', claimValues: ['vigie-employees'] };

  async start(): Promise<OidcLoginStart> {
    const n = ++this.issued;
    return { url: `https://idp.example/authorize?state=s${n}`, pending: { state: `s${n}`, nonce: `n${n}`, codeVerifier: `v${n}` } };
  }

  async finish(callbackUrl: URL, pending: OidcPendingSignIn): Promise<OidcIdentity> {
    if (callbackUrl.searchParams.get('state') !== pending.state) throw new VigieError('unauthenticated', 'the state of the callback is not the one sent');
    return this.identity;
  }
}

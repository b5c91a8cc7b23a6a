import { OidcLogin, type OidcIdentity, type OidcLoginStart } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import { SILENT_LOGGER, type VigieLogger } from '#vigie/logging';
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  ClientSecretBasic,
  type Configuration,
  discovery,
  fetchUserInfo,
  None,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from 'openid-client';
import { claimAt, claimLeftOut, type Claims, claimValues } from './claim-values.js';
import { oidcFailure } from './oidc-failure.js';

/** auth.oidc, with the redirect URI resolved (auth.oidc.redirectUri, or http.publicUrl + /api/auth/oidc/callback). */
export interface OidcLoginSettings {
  issuer: string;
  clientId: string;
  /** None for a public client (PKCE alone). */
  clientSecret?: string;
  redirectUri: string;
  scopes: readonly string[];
  /** The claim whose values map to roles; a dotted path reaches a nested one (`realm_access.roles`). */
  claim: string;
}

/** A provider that does not answer discovery or the token request in this time is taken as down. */
const TIMEOUT_SECONDS = 10;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Signing in through an OpenID Connect provider with openid-client: the code flow with PKCE (S256), state and nonce;
 * the library checks the ID token's signature, issuer, audience, expiry and nonce. The provider's metadata is
 * discovered on first use and kept; a failed discovery is tried again by the next sign-in.
 */
export class OpenIdClientLogin extends OidcLogin {
  private discovered: Promise<Configuration> | undefined;
  private readonly issuer: URL;
  /** Plain HTTP to the provider: for a provider on this machine only (tests, a demo). */
  private readonly insecure: boolean;

  constructor(
    private readonly settings: OidcLoginSettings,
    private readonly log: VigieLogger = SILENT_LOGGER,
  ) {
    super();
    this.issuer = new URL(settings.issuer);
    this.insecure = this.issuer.protocol === 'http:';
    if (this.insecure && !LOOPBACK.has(this.issuer.hostname)) {
      throw new VigieError(
        'configuration',
        `auth.oidc.issuer ${settings.issuer} is plain http://: tokens must not cross the network in clear; use the provider's https:// issuer (http:// is accepted for 127.0.0.1 and localhost only)`,
      );
    }
  }

  async start(): Promise<OidcLoginStart> {
    const config = await this.configuration();
    const pending = { state: randomState(), nonce: randomNonce(), codeVerifier: randomPKCECodeVerifier() };
    const url = buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes.join(' '),
      code_challenge: await calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  async finish(callbackUrl: URL, pending: OidcLoginStart['pending']): Promise<OidcIdentity> {
    if (!pending?.state || !pending.nonce || !pending.codeVerifier) {
      throw new VigieError('unauthenticated', 'no OpenID Connect sign-in is pending for this browser (expired or never started): sign in again');
    }
    // Said before the code goes anywhere: a callback that is not the answer to this browser's request is not exchanged.
    if (callbackUrl.searchParams.get('state') !== pending.state) {
      throw new VigieError(
        'unauthenticated',
        "the callback's state does not match the sign-in started in this browser (a stale or forged callback): sign in again",
      );
    }
    const config = await this.configuration();
    // The redirect URI sent with the code must be the registered one, whatever host and scheme the request reached
    // Vigie with behind a proxy: the callback's parameters on the configured address.
    const current = new URL(this.settings.redirectUri);
    current.search = callbackUrl.search;
    const tokens = await authorizationCodeGrant(config, current, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    }).catch((err: unknown) => {
      throw oidcFailure(err, this.settings.issuer, 'sign-in');
    });
    const idToken = tokens.claims();
    if (!idToken) throw new VigieError('unauthenticated', 'the provider returned no ID token: check that the scopes include openid');
    const claims = await this.withUserInfo(config, idToken, tokens.access_token);
    if (claimLeftOut(claims, this.settings.claim)) {
      this.log.warn({
        msg: 'the provider left the roles claim out of the token (too many values: Entra ID groups overage), so no role is mapped from it; emit app roles or only the groups assigned to the application',
        claim: this.settings.claim,
      });
    }
    const text = (name: string) => {
      const v = claims[name];
      return typeof v === 'string' && v.trim() !== '' ? v : undefined;
    };
    const login = text('preferred_username') ?? text('upn');
    const email = text('email');
    return {
      issuer: idToken.iss,
      subject: idToken.sub,
      displayName: text('name') ?? text('preferred_username') ?? email ?? idToken.sub,
      ...(login === undefined ? {} : { login }),
      ...(email === undefined ? {} : { email }),
      claimValues: claimValues(claims, this.settings.claim),
    };
  }

  /**
   * The ID token's claims, completed by the userinfo endpoint when the token lacks the roles claim or a name (some
   * providers put only `sub` in the ID token of a code flow). The ID token wins where both say something; a userinfo
   * endpoint that fails leaves the ID token's claims alone (fewer claims can only map fewer roles).
   */
  private async withUserInfo(config: Configuration, idToken: Claims & { sub: string }, accessToken: string): Promise<Claims> {
    const complete = claimAt(idToken, this.settings.claim) !== undefined && (idToken.name !== undefined || idToken.preferred_username !== undefined);
    if (complete || !config.serverMetadata().userinfo_endpoint || !accessToken) return idToken;
    try {
      return { ...(await fetchUserInfo(config, accessToken, idToken.sub)), ...idToken };
    } catch (err) {
      this.log.warn({
        msg: 'the userinfo endpoint failed: signing in with the ID token claims only',
        reason: oidcFailure(err, this.settings.issuer, 'sign-in').message,
      });
      return idToken;
    }
  }

  /** The provider's metadata, discovered once; a failure is forgotten so that the next sign-in discovers again. */
  private configuration(): Promise<Configuration> {
    this.discovered ??= discovery(
      this.issuer,
      this.settings.clientId,
      undefined,
      this.settings.clientSecret ? ClientSecretBasic(this.settings.clientSecret) : None(),
      { execute: this.insecure ? [allowInsecureRequests] : [], timeout: TIMEOUT_SECONDS },
    ).catch((err: unknown) => {
      this.discovered = undefined;
      throw oidcFailure(err, this.settings.issuer, 'discovery');
    });
    return this.discovered;
  }
}

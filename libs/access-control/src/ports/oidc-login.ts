/** What the browser must be sent to the provider with, and what must be kept (in the pending login) to finish. */
export interface OidcLoginStart {
  /** The provider's authorization URL (code flow, PKCE S256, state and nonce). */
  url: string;
  /** Kept server-side until the callback; never in the browser. */
  pending: { state: string; nonce: string; codeVerifier: string };
}

/** The person the provider vouched for, from the validated ID token (and the userinfo endpoint when configured). */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  /** name, or preferred_username: personal data. */
  displayName: string;
  /** preferred_username (or upn), to match the person's directory account when there is one. */
  login?: string;
  email?: string;
  /** The values of the configured groups or roles claim, mapped to Vigie roles like directory groups. */
  claimValues: string[];
}

/** Signing a person in through an OpenID Connect provider (Entra ID, Keycloak...). Adapter: openid-client. */
export abstract class OidcLogin {
  abstract start(): Promise<OidcLoginStart>;
  /**
   * Exchanges the callback's code (the full callback URL as the browser reached it) and validates state, nonce, the
   * ID token's signature, issuer, audience and expiry. Anything wrong is a VigieError `unauthenticated`.
   */
  abstract finish(callbackUrl: URL, pending: OidcLoginStart['pending']): Promise<OidcIdentity>;
}

import type { OidcLoginStart } from './oidc-login.js';

export type OidcPendingSignIn = OidcLoginStart['pending'];

/** OpenID Connect sign-ins between the redirect to the provider and its callback, kept on the server. */
export abstract class OidcSignInStore {
  abstract insert(bindingHash: string, pending: OidcPendingSignIn, expiresAt: Date): Promise<void>;
  /** The pending sign-in of a binding, removed as it is read (once only); null when unknown or expired. */
  abstract take(bindingHash: string, now: Date): Promise<OidcPendingSignIn | null>;
}

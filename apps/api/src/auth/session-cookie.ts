import type { Response } from 'express';

/**
 * The session cookie: HTTP-only (no script reads it), SameSite=Strict (no other site's page sends it), Secure with the
 * `__Host-` prefix (HTTPS only, this host only, path /) unless auth.session.secureCookie is off for a demo on
 * http://localhost, where browsers refuse Secure cookies.
 */
export const SECURE_SESSION_COOKIE = '__Host-vigie_session';
export const PLAIN_SESSION_COOKIE = 'vigie_session';
/** The browser's binding to an OIDC sign-in under way: Lax, since the provider brings the browser back by a top-level GET. */
export const OIDC_BINDING_COOKIE = 'vigie_oidc';
export const OIDC_COOKIE_PATH = '/api/auth/oidc';

/** The session cookie a request carries, under either name. */
export function sessionCookieOf(req: { cookies?: Record<string, unknown> }): string | undefined {
  const c = req.cookies ?? {};
  const value = c[SECURE_SESSION_COOKIE] ?? c[PLAIN_SESSION_COOKIE];
  return typeof value === 'string' && value ? value : undefined;
}

export function setSessionCookie(res: Response, token: string, expiresAt: Date, secure: boolean): void {
  res.cookie(secure ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE, token, { httpOnly: true, secure, sameSite: 'strict', path: '/', expires: expiresAt });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(secure ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE, { httpOnly: true, secure, sameSite: 'strict', path: '/' });
}

export function setOidcBindingCookie(res: Response, binding: string, secure: boolean): void {
  res.cookie(OIDC_BINDING_COOKIE, binding, { httpOnly: true, secure, sameSite: 'lax', path: OIDC_COOKIE_PATH, maxAge: 10 * 60_000 });
}

export function clearOidcBindingCookie(res: Response, secure: boolean): void {
  res.clearCookie(OIDC_BINDING_COOKIE, { httpOnly: true, secure, sameSite: 'lax', path: OIDC_COOKIE_PATH });
}

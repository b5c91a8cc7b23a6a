import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A session's cookie: 256 random bits, stored as a SHA-256 digest (as API tokens are): a leaked table opens no
 * session, and a fast digest keeps every request's check cheap.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The session's CSRF token, derived from its cookie: the page reads it from the sign-in answer or GET
 * /api/auth/session and sends it back in a header; a page of another site can neither read the HTTP-only cookie nor
 * this answer (CORS is closed), so it cannot forge the header.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update('vigie-csrf\0').update(sessionToken).digest('base64url');
}

/** Whether a request's CSRF header is the session's, compared in constant time. */
export function csrfMatches(sessionToken: string, header: string | undefined): boolean {
  if (typeof header !== 'string' || header.length !== 43) return false;
  return timingSafeEqual(Buffer.from(csrfTokenOf(sessionToken)), Buffer.from(header));
}

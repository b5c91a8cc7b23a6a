import createClient from 'openapi-fetch';
import type { Schema, paths } from '#vigie/client';

export type { Schema };

/**
 * The typed client of the API (generated from docs/openapi.json), on the page's own origin: the session cookie goes
 * with each request (HTTP-only, the page never reads it), and the session's CSRF token in X-CSRF-Token on every
 * request that changes something.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

let csrfToken: string | undefined;

/** The CSRF token of the session, given by GET /api/auth/session and the sign-in. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

api.use({
  onRequest({ request }) {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && csrfToken) request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

/** An error answered by the API: its status, its kind and its message (what is wrong and what to do). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** The data of an answer, or an ApiError with the API's own message. */
export function dataOf<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  if (answer.data !== undefined && answer.response.ok) return answer.data;
  const body = answer.error as Partial<Schema<'ErrorBody'>> | undefined;
  throw new ApiError(answer.response.status, body?.error ?? 'unknown', body?.message ?? `${answer.response.status} ${answer.response.statusText}`);
}

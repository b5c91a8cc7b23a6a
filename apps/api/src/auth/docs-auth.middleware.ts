import type { NextFunction, Request, Response } from 'express';
import { type Vigie, rolesOf } from '#vigie/application';
import { type VigieError, isVigieError } from '#vigie/common';
import { routeAllows } from './route-ability.js';
import { sessionCookieOf } from './session-cookie.js';

/**
 * The OpenAPI documents are served by Express, outside Nest's guards: the caller is checked here the same way, by an
 * API token in the header or, without one, a person's session cookie (the documentation page fetches the document
 * from the same origin, so a signed-in browser sends it). Reading changes nothing: no CSRF token is asked.
 */
export function docsAuthMiddleware(vigie: Vigie) {
  return async (req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
    const cookie = token ? undefined : sessionCookieOf(req);
    const context = { actor: { type: 'system', id: 'api' } as const, correlationId: req.id, sourceAddress: req.ip };
    let throttled: VigieError | undefined;
    const principal = await (
      cookie
        ? vigie.run('authenticate-session', { token: cookie }, context)
        : vigie.run('authenticate-token', { token, route: req.baseUrl || req.path, method: req.method }, context)
    ).catch((err: unknown) => {
      if (isVigieError(err) && err.kind === 'too-many-requests') throttled = err;
      return null;
    });
    // A throttled address gets the 429 and Retry-After the guard gives, not a 401 that invites another try.
    if (throttled) {
      res.setHeader('Retry-After', String(throttled.retryAfterSeconds ?? 1));
      res.status(429).json({ statusCode: 429, error: 'too-many-requests', message: throttled.message });
      return;
    }
    if (!principal) {
      res.status(401).json({
        statusCode: 401,
        error: 'unauthenticated',
        message: 'sign in, or send a valid API token as "Authorization: Bearer <token>"',
      });
      return;
    }
    if (!routeAllows(principal, { action: 'read', subject: 'ApiDocs' })) {
      res.status(403).json({ statusCode: 403, error: 'forbidden', message: `${rolesOf(principal)} may not read ApiDocs` });
      return;
    }
    next();
  };
}

import type { NextFunction, Request, Response } from 'express';
import { type Vigie, rolesOf } from '#vigie/application';
import { abilitiesFor } from '#vigie/access-control';
import { type VigieError, isVigieError } from '#vigie/common';

/** The OpenAPI documents are served by Express, outside Nest's guards: the token is checked here the same way. */
export function docsAuthMiddleware(vigie: Vigie) {
  return async (req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
    let throttled: VigieError | undefined;
    const principal = await vigie
      .run(
        'authenticate-token',
        { token, route: req.baseUrl || req.path, method: req.method },
        { actor: { type: 'system', id: 'api' }, correlationId: req.id, sourceAddress: req.ip },
      )
      .catch((err: unknown) => {
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
      res.status(401).json({ statusCode: 401, error: 'unauthenticated', message: 'a valid API token is required: send "Authorization: Bearer <token>"' });
      return;
    }
    if (!abilitiesFor(principal).can('read', 'ApiDocs')) {
      res.status(403).json({ statusCode: 403, error: 'forbidden', message: `${rolesOf(principal)} may not read ApiDocs` });
      return;
    }
    next();
  };
}

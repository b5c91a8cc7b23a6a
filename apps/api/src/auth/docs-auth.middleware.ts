import type { NextFunction, Request, Response } from 'express';
import { type Vigie, rolesOf } from '#vigie/application';
import { routeAllows } from './route-ability.js';

/** The OpenAPI documents are served by Express, outside Nest's guards: the token is checked here the same way. */
export function docsAuthMiddleware(vigie: Vigie) {
  return async (req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
    const principal = await vigie
      .run(
        'authenticate-token',
        { token, route: req.baseUrl || req.path, method: req.method },
        { actor: { type: 'system', id: 'api' }, correlationId: req.id, sourceAddress: req.ip },
      )
      .catch(() => null);
    if (!principal) {
      res.status(401).json({ statusCode: 401, error: 'unauthenticated', message: 'a valid API token is required: send "Authorization: Bearer <token>"' });
      return;
    }
    if (!routeAllows(principal, { action: 'read', subject: 'ApiDocs' })) {
      res.status(403).json({ statusCode: 403, error: 'forbidden', message: `${rolesOf(principal)} may not read ApiDocs` });
      return;
    }
    next();
  };
}

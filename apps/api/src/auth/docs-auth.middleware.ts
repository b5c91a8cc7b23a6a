import type { NextFunction, Request, Response } from 'express';
import { type ApiTokenService, abilitiesFor } from '#vigie/access-control';
import type { AuthTrail } from './auth-trail.js';

/** The OpenAPI documents are served by Express, outside Nest's guards: check the token here the same way. */
export function docsAuthMiddleware(tokens: ApiTokenService, authTrail: AuthTrail) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const token = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
    const principal = token ? await tokens.verify(token).catch(() => null) : null;
    if (!principal) {
      await authTrail.failed(req, req.baseUrl || req.path);
      res.status(401).json({ statusCode: 401, message: 'a valid API token is required: send "Authorization: Bearer <token>"' });
      return;
    }
    if (!abilitiesFor(principal.role).can('read', 'ApiDocs')) {
      res.status(403).json({ statusCode: 403, message: `the role "${principal.role}" may not read ApiDocs` });
      return;
    }
    await authTrail.succeeded(principal, req.ip);
    next();
  };
}

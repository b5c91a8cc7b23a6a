import type { NextFunction, Request, Response } from 'express';

/** The OpenAPI page: Swagger UI loads its own scripts and styles from this server (and styles inline). */
const DOCS_UI = /^\/api\/docs(\/|$)/;
/** The API's own paths; everything else is the web desk (its page and its files). */
export const API_PATHS = /^\/(api|scim|health|metrics)(\/|$)/;
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const DOCS_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/** The web desk: its own scripts and one stylesheet, nothing inline, and it talks to this server only. */
const WEB_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function policyFor(path: string): string {
  if (DOCS_UI.test(path)) return DOCS_POLICY;
  return API_PATHS.test(path) ? API_POLICY : WEB_POLICY;
}

/**
 * Security headers on every answer (what helmet would set, for an API that serves JSON, one documentation page and the web desk):
 * no MIME sniffing, no framing, no referrer, a content security policy that lets the JSON run nothing, and answers
 * never kept by a browser or a proxy cache (they hold findings and personal data). HSTS only when the request came
 * over TLS (directly or through a proxy Express trusts): sent over plain HTTP it would mean nothing.
 */
export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', policyFor(req.path));
    res.setHeader('Cache-Control', 'no-store');
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

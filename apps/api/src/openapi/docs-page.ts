import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DOCS_PAGE_SCRIPT } from './docs-page.script.js';

export const DOCS_PAGE_URL = '/api/docs';

/** Swagger UI's files, from the swagger-ui-dist that @nestjs/swagger depends on (the one its own page would use). */
function swaggerUiDir(): string {
  const fromHere = createRequire(import.meta.url);
  const fromSwagger = createRequire(fromHere.resolve('@nestjs/swagger'));
  return dirname(fromSwagger.resolve('swagger-ui-dist/package.json'));
}

/** The page's files, and nothing else of swagger-ui-dist (its index.html points at the Petstore). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>Vigie API</title>
  <link rel="stylesheet" href="${DOCS_PAGE_URL}/swagger-ui.css">
  <link rel="icon" type="image/png" href="${DOCS_PAGE_URL}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${DOCS_PAGE_URL}/swagger-ui-bundle.js"></script>
  <script src="${DOCS_PAGE_URL}/vigie-docs.js"></script>
</body>
</html>
`;

/**
 * The OpenAPI page at /api/docs: the page, Swagger UI's files and the script that starts it are served to anyone
 * (a browser sends no bearer token when it loads a page: behind the token, the page could never load). They hold
 * nothing of the API: the document itself stays at /api/docs-json behind a token or a session with ApiDocs
 * (docsAuthMiddleware), and the page fetches it once the reader has clicked Authorize, or at once with a session
 * cookie. Swagger UI's own setup page is not used: its swagger-ui-init.js embeds the whole document.
 */
export function serveDocsPage(app: INestApplication): void {
  const http = app.getHttpAdapter();
  const dir = swaggerUiDir();
  const page = (_req: Request, res: Response) => {
    res.type('text/html; charset=utf-8').send(PAGE);
  };
  http.get(DOCS_PAGE_URL, page);
  http.get(`${DOCS_PAGE_URL}/`, page);
  http.get(`${DOCS_PAGE_URL}/vigie-docs.js`, (_req: Request, res: Response) => {
    res.type('application/javascript; charset=utf-8').send(DOCS_PAGE_SCRIPT);
  });
  http.get(`${DOCS_PAGE_URL}/:asset`, (req: Request, res: Response) => {
    const asset = String(req.params.asset);
    const type = Object.hasOwn(ASSETS, asset) ? ASSETS[asset] : undefined;
    if (!type) {
      res.status(404).json({ statusCode: 404, error: 'not-found', message: `no file "${asset.slice(0, 100)}" on the documentation page` });
      return;
    }
    res.type(type).sendFile(join(dir, asset));
  });
}

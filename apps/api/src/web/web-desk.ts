import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
// The API answers these paths itself: never with the web desk's page, so that an unknown one keeps its 404 JSON.
import { API_PATHS } from '../http/security-headers.middleware.js';

/**
 * The built web desk (dist/web, written by `npm run build`), found from this module whether it runs from the
 * sources (tests), from dist/apps (the api main) or from the bundled command in dist/cli (`vigie serve`, `vigie demo`):
 * the nearest folder above that holds a package.json, then its dist/web. Undefined when it was not built.
 */
export function webDeskDir(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const built = join(dir, 'dist', 'web');
      return existsSync(join(built, 'index.html')) ? built : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

const NOT_BUILT = 'The web desk is not built here: run `npm run build` (it writes dist/web), then restart Vigie. The API itself answers under /api.\n';

/**
 * Serves the web desk: its hashed files under /assets (kept a year: a new build changes their names), and its page
 * for every other path that is not the API's (`/`, `/findings`, `/findings/ID`...), where the client's router takes
 * over. The page is revalidated on each load, so a new build shows at once.
 */
export function serveWebDesk(app: INestApplication, dir = webDeskDir()): void {
  const express = app as NestExpressApplication;
  if (!dir) {
    express.use((req: Request, res: Response, next: NextFunction) => {
      if (API_PATHS.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
      res.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    });
    return;
  }
  const page = readFileSync(join(dir, 'index.html'));
  express.useStaticAssets(join(dir, 'assets'), {
    prefix: '/assets/',
    index: false,
    // Set here: the security headers' no-store, set before, would otherwise keep serve-static from setting its own.
    setHeaders: (res) => res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'),
  });
  express.use((req: Request, res: Response, next: NextFunction) => {
    if (API_PATHS.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    // A file of another build: its page would be read as a script and fail obscurely.
    if (req.path.startsWith('/assets/')) {
      res
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(`no file ${req.path.slice(0, 100)} in this build of the web desk: reload the page\n`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/html; charset=utf-8').send(page);
  });
}

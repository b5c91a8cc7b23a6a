/**
 * Loads every module of the libraries once, one after the other, before an integration test file runs (jest's
 * setupFilesAfterEnv share the test file's module registry).
 *
 * Why: the composition root loads adapters and use cases lazily and concurrently (a Promise.all of import()s, the
 * database connecting while a use case loads). Node's own loader handles that; jest's vm modules do not: two import()s
 * at once whose graphs share a module not linked yet can fail with "request for './x.js' is not in cache" (the
 * linking race of nodejs/node#33216), and the module then stays broken for the whole file. Loaded up front, every
 * later import() finds its module evaluated and links nothing. The built `vigie` the tests spawn runs on Node's loader
 * and needs none of this.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../libs/', import.meta.url).pathname;

function modulesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modulesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const libraries = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory());
for (const library of libraries) {
  for (const path of modulesUnder(join(root, library.name, 'src'))) {
    try {
      await import(path);
    } catch (err) {
      throw new Error(`loading ${relative(root, path)} before the tests failed: ${(err as Error).message}`, { cause: err });
    }
  }
}

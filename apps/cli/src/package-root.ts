import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VigieError } from '#vigie/common';

/** The folder of Vigie's package.json, found from this file whether it runs from src/ or dist/. */
export function packageRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && JSON.parse(readFileSync(candidate, 'utf8')).name === 'vigie') return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new VigieError(
        'configuration',
        `cannot find the vigie package (a package.json named vigie) above ${start}: run Vigie from its installation, whole, with its policies folder`,
      );
    dir = parent;
  }
}

import { readFileSync } from 'node:fs';

/**
 * `npm install` on a fresh clone must leave package-lock.json as it is: when the lock's own entry for Vigie differs from
 * package.json (a renamed `bin`, a dependency added by hand), npm rewrites it and the clone shows a change nobody made.
 */
describe('package-lock.json', () => {
  const read = (file: string) => JSON.parse(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  const manifest = read('package.json');
  const lock = read('package-lock.json') as { name: string; version: string; lockfileVersion: number; packages: Record<string, Record<string, unknown>> };

  it('describes Vigie as package.json does: what npm install would otherwise rewrite', () => {
    const root = lock.packages[''];
    expect({ name: lock.name, version: lock.version }).toEqual({ name: manifest.name, version: manifest.version });
    for (const key of ['name', 'version', 'license', 'bin', 'engines', 'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'])
      expect({ [key]: root[key] }).toEqual({ [key]: manifest[key] });
  });

  it('locks a version of every dependency package.json names', () => {
    const deps = { ...(manifest.dependencies as object), ...(manifest.devDependencies as object) };
    const missing = Object.keys(deps).filter((name) => !lock.packages[`node_modules/${name}`]);
    expect(missing).toEqual([]);
  });
});

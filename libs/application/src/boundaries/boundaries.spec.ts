import { fileURLToPath } from 'node:url';
import { importCycles, internalImports, testingImportsInProduction, unusedExports } from './boundary-rules.js';
import { SourceTree } from './source-tree.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Edges between apps that docs/architecture.md allows: the `vigie` command hosts the API (`vigie serve`, `vigie demo`). */
const ALLOWED_EDGES = new Set(['apps/cli -> apps/api/src/create-http-app.ts']);

/**
 * Entry points whose users are outside this repository: their exports are their contract even when nothing here
 * imports them. libs/client is the typed client of the API, for the web interface and for users' own scripts.
 */
const PUBLISHED_ENTRIES = new Set(['libs/client/src/index.ts']);

const isEntry = (path: string) => /^libs\/[^/]+\/src\/index\.ts$/.test(path);

describe('boundaries between the libraries and the apps', () => {
  let tree: SourceTree;
  beforeAll(() => {
    tree = SourceTree.read(ROOT);
  });

  it('reads the whole repository', () => {
    // A wrong root would make every rule below pass on nothing.
    expect(tree.paths().filter(isEntry).length).toBeGreaterThan(10);
    expect(tree.paths().filter((p) => p.startsWith('apps/')).length).toBeGreaterThan(20);
  });

  it('exports from an entry point only what another library, an app, a script or a test imports', () => {
    const entries = tree.paths().filter((p) => isEntry(p) && !PUBLISHED_ENTRIES.has(p));
    const lines = unusedExports(tree, entries).map(
      (u) =>
        `${u.entry} exports ${u.name}, which nothing outside the library imports: stop exporting it there (the library's own files and specs import its file directly)`,
    );
    expect(lines).toEqual([]);
  });

  it('lets an app or a library reach another library only through its entry point, and an app no other app', () => {
    const lines = internalImports(tree, ALLOWED_EDGES).map(({ site, target }) =>
      target.startsWith('apps/')
        ? `${site.file}:${site.line} imports ${target}: an app imports no other app (docs/architecture.md); move what both need to a library`
        : `${site.file}:${site.line} imports ${target} by its path: import it from #vigie/${target.split('/')[1]} (export it there if other libraries may use it)`,
    );
    expect(lines).toEqual([]);
  });

  it('keeps test helpers out of production code and out of the entry points', () => {
    const imports = testingImportsInProduction(tree).map((s) => `${s.file}:${s.line} imports ${s.specifier}: test helpers are for specs and tests only`);
    const exported = tree
      .paths()
      .filter(isEntry)
      .flatMap((entry) =>
        internalTargets(tree, entry)
          .filter((t) => /\/(testing|__fixtures__)\//.test(t))
          .map((t) => `${entry} re-exports ${t}: put it behind the library's testing entry`),
      );
    expect([...imports, ...exported]).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(importCycles(tree).map((cycle) => cycle.join(' > '))).toEqual([]);
  });
});

/** The files an entry point re-exports from, directly. */
function internalTargets(tree: SourceTree, entry: string): string[] {
  const text = tree.file(entry)!.text;
  return [...text.matchAll(/from '(\.[^']+)'/g)].flatMap((m) => tree.resolveRelative(entry, m[1]) ?? []);
}

describe('the boundary rules', () => {
  const treeOf = (files: Record<string, string>) => new SourceTree(Object.entries(files));

  it('count a name as used when another library imports it, statically, on demand or as a type', () => {
    const tree = treeOf({
      'libs/a/src/index.ts': "export * from './x.js';\nexport { only } from './y.js';\nexport type { Shape } from './y.js';",
      'libs/a/src/x.ts': 'export function one() {}\nexport const two = 2;\nexport class Three {}\nexport interface Four {}\nexport function unused() {}',
      'libs/a/src/y.ts': 'export const only = 1;\nexport interface Shape {}\nexport const hidden = 0;',
      'libs/a/src/x.spec.ts': "import { unused } from '#vigie/a';",
      'libs/b/src/b.ts': [
        "import { one } from '#vigie/a';",
        "import type { Four } from '#vigie/a';",
        "const { two } = await import('#vigie/a');",
        "const [{ Three }] = await Promise.all([import('#vigie/a')]);",
        "const load = () => import('#vigie/a');",
        'const o = (await load()).only;',
        "let s: import('#vigie/a').Shape;",
      ].join('\n'),
    });
    expect(unusedExports(tree, ['libs/a/src/index.ts'])).toEqual([{ entry: 'libs/a/src/index.ts', name: 'unused' }]);
  });

  it('count every name a file mentions when it uses a module object in a way the syntax does not follow', () => {
    const files = {
      'libs/a/src/index.ts': 'export const used = 1;\nexport const unused = 2;',
      'apps/x/src/main.ts': "class C { mod() { return once(() => import('#vigie/a')); } async run() { return (await this.mod()).used; } }",
    };
    expect(unusedExports(treeOf(files), ['libs/a/src/index.ts']).map((u) => u.name)).toEqual(['unused']);
  });

  it('take a re-export of the whole module for a use of every name', () => {
    const tree = treeOf({ 'libs/a/src/index.ts': 'export const x = 1;', 'libs/b/src/index.ts': "export * from '#vigie/a';" });
    expect(unusedExports(tree, ['libs/a/src/index.ts'])).toEqual([]);
  });

  it("find an app or a library that imports another one's file, and let tests and allowed edges do it", () => {
    const tree = treeOf({
      'libs/a/src/index.ts': '',
      'libs/a/src/inner.ts': 'export const x = 1;',
      'libs/b/src/b.ts': "import { x } from '../../a/src/inner.js';",
      'apps/api/src/main.ts': "import { x } from '../../../libs/a/src/inner.js';\nimport { y } from '../../cli/src/y.js';",
      'apps/cli/src/y.ts': "export const y = 1;\nconst { main } = await import('../../api/src/main.js');",
      'test/a.int-spec.ts': "import { x } from '../libs/a/src/inner.js';",
    });
    const found = (allowed?: Set<string>) => internalImports(tree, allowed).map((i) => `${i.site.file} -> ${i.target}`);
    expect(found()).toEqual([
      'apps/api/src/main.ts -> libs/a/src/inner.ts',
      'apps/api/src/main.ts -> apps/cli/src/y.ts',
      'apps/cli/src/y.ts -> apps/api/src/main.ts',
      'libs/b/src/b.ts -> libs/a/src/inner.ts',
    ]);
    expect(found(new Set(['apps/cli -> apps/api/src/main.ts']))).not.toContain('apps/cli/src/y.ts -> apps/api/src/main.ts');
  });

  it('find a testing entry imported by production code, not by a spec', () => {
    const tree = treeOf({
      'libs/a/src/a.ts': "import { aThing } from '#vigie/b/testing';",
      'libs/a/src/a.spec.ts': "import { aThing } from '#vigie/b/testing';",
    });
    expect(testingImportsInProduction(tree).map((s) => s.file)).toEqual(['libs/a/src/a.ts']);
  });

  it('find import cycles, through entry points and on-demand imports too', () => {
    const tree = treeOf({
      'libs/a/src/index.ts': "export * from './a.js';",
      'libs/a/src/a.ts': "import type { B } from '#vigie/b';\nexport interface A { b: B }",
      'libs/b/src/index.ts': "export * from './b.js';",
      'libs/b/src/b.ts': "export interface B {}\nexport const load = () => import('#vigie/a');",
      'libs/c/src/c.ts': "import { d } from './d.js';",
      'libs/c/src/d.ts': 'export const d = 1;',
    });
    expect(importCycles(tree)).toEqual([['libs/a/src/a.ts', 'libs/b/src/index.ts', 'libs/b/src/b.ts', 'libs/a/src/index.ts', 'libs/a/src/a.ts']]);
  });
});

import { exportedNames } from './module-exports.js';
import { type ImportSite, importSites } from './import-sites.js';
import type { SourceTree } from './source-tree.js';

/** `libs/<name>/...` → name; `apps/<name>/...` → `apps/name`; else undefined (scripts, test). */
export function ownerOf(path: string): string | undefined {
  const m = /^(libs|apps)\/([^/]+)\//.exec(path);
  if (!m) return undefined;
  return m[1] === 'libs' ? m[2] : `apps/${m[2]}`;
}

/** The file an entry point `#vigie/<lib>[/<sub>]` loads (package.json `imports`, jest's moduleNameMapper). */
export function entryFile(tree: SourceTree, specifier: string): string | undefined {
  const m = /^#vigie\/([^/]+)(?:\/(.+))?$/.exec(specifier);
  if (!m) return undefined;
  const [, lib, sub] = m;
  const candidates = sub ? [`libs/${lib}/src/${sub}/index.ts`, `libs/${lib}/src/${sub}.ts`] : [`libs/${lib}/src/index.ts`];
  return candidates.find((p) => tree.file(p));
}

export interface UnusedExport {
  entry: string;
  name: string;
}

/**
 * Names an entry point of a library exports that no file outside that library imports (another library, an app, a
 * script, a test). Specs and files inside the library import its files directly, so they do not count.
 */
export function unusedExports(tree: SourceTree, entries: readonly string[]): UnusedExport[] {
  const used = new Map<string, Set<string>>();
  for (const site of allSites(tree)) {
    const entry = site.specifier.startsWith('#vigie/') ? entryFile(tree, site.specifier) : undefined;
    if (!entry || ownerOf(site.file) === ownerOf(entry)) continue;
    const names = used.get(entry) ?? used.set(entry, new Set()).get(entry)!;
    for (const name of site.names) names.add(name);
  }
  const out: UnusedExport[] = [];
  for (const entry of entries) {
    const names = used.get(entry) ?? new Set<string>();
    if (names.has('*')) continue;
    for (const name of [...exportedNames(tree, entry)].sort()) if (!names.has(name)) out.push({ entry, name });
  }
  return out;
}

export interface InternalImport {
  site: ImportSite;
  target: string;
}

/**
 * Relative imports that cross into another library or app: an app or a library reaching a file of another library
 * instead of its entry point (`#vigie/<lib>`), or an app importing another app. `allowed` lists the edges the
 * architecture permits, as `importer -> imported file`. Tests and scripts may read a library's files: they are no
 * library's clients.
 */
export function internalImports(tree: SourceTree, allowed: ReadonlySet<string> = new Set()): InternalImport[] {
  const out: InternalImport[] = [];
  for (const site of allSites(tree)) {
    const from = ownerOf(site.file);
    if (!from || !site.specifier.startsWith('.')) continue;
    const target = tree.resolveRelative(site.file, site.specifier);
    const to = target && ownerOf(target);
    if (!target || !to || to === from) continue;
    if (allowed.has(`${from} -> ${target}`)) continue;
    out.push({ site, target });
  }
  return out;
}

/** Imports of a `#vigie/<lib>/testing` entry from production code (anything but specs, tests and testing folders). */
export function testingImportsInProduction(tree: SourceTree): ImportSite[] {
  return allSites(tree).filter((s) => /^#vigie\/[^/]+\/testing$/.test(s.specifier) && isProduction(s.file));
}

function isProduction(path: string): boolean {
  return !path.startsWith('test/') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(path) && !/\/(testing|__fixtures__)\//.test(path);
}

const sitesOf = new WeakMap<SourceTree, ImportSite[]>();

function allSites(tree: SourceTree): ImportSite[] {
  let sites = sitesOf.get(tree);
  if (!sites) sitesOf.set(tree, (sites = tree.paths().flatMap((p) => importSites(tree.file(p)!))));
  return sites;
}

/**
 * Import cycles between files, entry points followed (`#vigie/x` is libs/x/src/index.ts): each as the files in
 * import order, the first repeated at the end. Every kind of import counts, type-only and on-demand ones too: a
 * cycle of types still ties two modules together, and one of on-demand imports only hides it until the call.
 */
export function importCycles(tree: SourceTree): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const site of allSites(tree)) {
    const target = site.specifier.startsWith('.')
      ? tree.resolveRelative(site.file, site.specifier)
      : site.specifier.startsWith('#vigie/')
        ? entryFile(tree, site.specifier)
        : undefined;
    if (!target || target === site.file) continue;
    (edges.get(site.file) ?? edges.set(site.file, new Set()).get(site.file)!).add(target);
  }
  return stronglyConnected(tree.paths(), edges)
    .filter((component) => component.length > 1)
    .map((component) => shortestCycle(component, edges));
}

/** Tarjan's components, iterative (import chains can be long). */
function stronglyConnected(nodes: string[], edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: Iterator<string> }> = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, next: (edges.get(node) ?? new Set<string>()).values() });
    };
    enter(root);
    while (work.length) {
      const top = work[work.length - 1];
      const step = top.next.next();
      if (!step.done) {
        const w = step.value;
        if (!index.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== top.node);
        out.push(component.sort());
      }
    }
  }
  return out;
}

/** One shortest cycle through the component's first file, to name in a message. */
function shortestCycle(component: string[], edges: Map<string, Set<string>>): string[] {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of edges.get(queue[i]) ?? []) {
      if (!inside.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let n = queue[i]; n !== start; n = previous.get(n)!) path.splice(1, 0, n);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  return component;
}

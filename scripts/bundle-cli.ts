/**
 * Bundles the `vigie` command into dist/cli/ (run by `npm run build`, after tsc).
 *
 * Why: a command starts by loading its modules, and Node 20 loads ES modules one file at a time. The
 * short paths (`vigie sync`, configuration errors, --help) loaded about 300 of them (zod alone 95),
 * which took longer than the incremental sync itself did (docs/performance.md). The bundle holds
 * Vigie's own code and the pure-JavaScript packages those paths use, split so that each command loads
 * only what it needs. Everything else (Nest, TypeORM, PGlite, native modules) stays in node_modules and
 * loads as before: bundling it would gain nothing on the short paths and risk its dynamic requires.
 *
 * The input is tsc's output, not the sources: tsc emits the decorator metadata Nest's injection needs.
 */
import { build, type Plugin } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'dist/cli');

/** Packages bundled with the command, with what they import. Only pure JavaScript, no native part, no files read at run time. */
const BUNDLED = new Set(['zod', 'commander', 'pg', 'pg-copy-streams', 'ldapts']);
/** Optional parts of bundled packages that are not installed: left as requires, which pg guards with try/catch. */
const OPTIONAL = new Set(['pg-native', 'pg-cloudflare']);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/** Keeps every package out of the bundle except BUNDLED ones and what they import themselves. */
const onlyBundled: Plugin = {
  name: 'only-bundled-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./#]/ }, (args) => {
      if (args.path.startsWith('node:')) return { external: true };
      const name = packageName(args.path);
      if (OPTIONAL.has(name)) return { external: true };
      const fromPackage = args.importer.includes('/node_modules/');
      if (fromPackage || BUNDLED.has(name)) return undefined;
      return { external: true };
    });
  },
};

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { vigie: join(ROOT, 'dist/apps/cli/src/main.js') },
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Nest resolves providers by class name in error messages; keep names readable in stacks too.
    keepNames: true,
    sourcemap: 'linked',
    plugins: [onlyBundled],
    // The CommonJS packages in the bundle (pg) call require() for Node's own modules.
    banner: { js: "import { createRequire as __vigieCreateRequire } from 'node:module';\nconst require = __vigieCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    metafile: true,
  });
  // What each file holds, for `npx esbuild --analyze`-style questions (which package made a chunk big).
  writeFileSync(join(OUT, 'meta.json'), JSON.stringify(result.metafile));
  const inputs = Object.keys(result.metafile.inputs).length;
  process.stderr.write(
    `bundled the vigie command: ${inputs} modules into ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js')).length} files in ${OUT}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bundling the vigie command failed: ${(err as Error).message}\n`);
  process.exit(1);
});

import Module from 'node:module';

export default async function globalTeardown(): Promise<void> {
  resolveTsForJs();
  const { runGlobalTeardown } = await import('./global-hooks.js');
  await runGlobalTeardown();
}

/**
 * Makes `import './x.js'` find x.ts when jest loads this file. Jest requires global setup/teardown modules as
 * CommonJS (transformed by swc, but without its moduleNameMapper), so the `.js` specifiers that TypeScript's
 * nodenext wants do not resolve to the `.ts` sources there. Kept inline: this file cannot import a helper
 * before the patch is in place.
 */
function resolveTsForJs(): void {
  type Resolve = ((request: string, parent: unknown, ...rest: unknown[]) => string) & { vigieTs?: true };
  const cjs = Module as unknown as { _resolveFilename: Resolve };
  const original = cjs._resolveFilename;
  if (original.vigieTs) return;
  const patched: Resolve = function (this: unknown, request, parent, ...rest) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (err) {
      if (!request.startsWith('.') || !request.endsWith('.js')) throw err;
      return original.call(this, request.slice(0, -3) + '.ts', parent, ...rest);
    }
  };
  patched.vigieTs = true;
  cjs._resolveFilename = patched;
}

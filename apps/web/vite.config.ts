/// <reference types="node" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web desk's build (`npm run build:web`, part of `npm run build`): into dist/web, which the API serves
 * (apps/api/src/web/web-desk.ts). No React plugin: Vite 8 transforms TSX itself (oxc), with React's automatic runtime.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // The typed client from its sources, as apps/web/tsconfig.json maps it.
  resolve: { alias: { '#vigie/client': fileURLToPath(new URL('../../libs/client/src/index.ts', import.meta.url)) } },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // The page loads no inline script or style: the content security policy forbids both.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // react-query marks its files "use client" for React Server Components, which a single-page app does not use.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `npx vite --config apps/web/vite.config.ts` while `vigie serve` runs on port 3000: the API behind the dev server.
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});

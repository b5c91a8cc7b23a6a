/** Where `npm run openapi` writes, from the repository root (this file is at scripts/openapi/ and dist/scripts/openapi/). */
const root = new URL(import.meta.url.includes('/dist/scripts/') ? '../../../' : '../../', import.meta.url);

export const OPENAPI_DOCUMENT = new URL('docs/openapi.json', root);
export const CLIENT_TYPES = new URL('libs/client/src/openapi.ts', root);

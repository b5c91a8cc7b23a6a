/**
 * Writes the API's OpenAPI document to docs/openapi.json, read from the controllers without starting the API, then
 * the typed client's types generated from it to libs/client/src/openapi.ts. Run it after changing a route or a
 * response schema, and commit both files: tests fail while they differ from the code.
 * Usage: npm run openapi
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serializeOpenApiDocument } from '../apps/api/src/openapi/openapi-document.js';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi-preview.js';
import { renderClientTypes } from './openapi/client-types.js';
import { CLIENT_TYPES, OPENAPI_DOCUMENT } from './openapi/openapi-files.js';

await writeFile(OPENAPI_DOCUMENT, serializeOpenApiDocument(await buildOpenApiDocument()));
await writeFile(CLIENT_TYPES, await renderClientTypes(OPENAPI_DOCUMENT));
console.log(`wrote ${fileURLToPath(OPENAPI_DOCUMENT)} and ${fileURLToPath(CLIENT_TYPES)}`);

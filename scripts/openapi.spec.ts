import { readFile } from 'node:fs/promises';
import { serializeOpenApiDocument } from '../apps/api/src/openapi/openapi-document.js';
import { buildOpenApiDocument } from '../apps/api/src/openapi/openapi-preview.js';
import { renderClientTypes } from './openapi/client-types.js';
import { CLIENT_TYPES, OPENAPI_DOCUMENT } from './openapi/openapi-files.js';

const RUN = 'run `npm run openapi` and commit docs/openapi.json and libs/client/src/openapi.ts';

/** Jest's diff, under a first line that says what to do about it. */
function withHint(hint: string, assertion: () => void): void {
  try {
    assertion();
  } catch (err) {
    if (err instanceof Error) err.message = `${hint}\n\n${err.message}`;
    throw err;
  }
}

/** The files `npm run openapi` writes are committed: they must be what it would write now. */
describe('npm run openapi', () => {
  it('has written docs/openapi.json from the controllers as they are', async () => {
    const [committed, document] = await Promise.all([readFile(OPENAPI_DOCUMENT, 'utf8'), buildOpenApiDocument()]);
    withHint(`docs/openapi.json is not the document the controllers give: ${RUN}`, () => expect(committed).toBe(serializeOpenApiDocument(document)));
  });

  it('has written libs/client/src/openapi.ts from docs/openapi.json with openapi-typescript', async () => {
    const [committed, generated] = await Promise.all([readFile(CLIENT_TYPES, 'utf8'), renderClientTypes(OPENAPI_DOCUMENT)]);
    withHint(`libs/client/src/openapi.ts is not what openapi-typescript makes of docs/openapi.json: ${RUN}`, () => expect(committed).toBe(generated));
  });
});

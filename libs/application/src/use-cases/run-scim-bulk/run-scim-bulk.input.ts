import * as z from 'zod';

/** POST /scim/v2/Bulk: the BulkRequest as the client sent it, for scimmy to read (see libs/application/src/scim). */
export const runScimBulkInput = z.object({ body: z.unknown() }).strict();

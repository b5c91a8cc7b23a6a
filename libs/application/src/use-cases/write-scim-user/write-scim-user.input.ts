import * as z from 'zod';

/** A SCIM resource id as a client sends it in a path (Vigie's are UUIDs; another is answered 404). */
const id = z.string().min(1).max(200);

/** One SCIM write on /Users: the body stays as the client sent it, for scimmy to read (see libs/application/src/scim). */
export const writeScimUserInput = z.discriminatedUnion('operation', [
  z.object({ operation: z.literal('create'), body: z.unknown() }).strict(),
  z.object({ operation: z.literal('replace'), id, body: z.unknown() }).strict(),
  z.object({ operation: z.literal('patch'), id, body: z.unknown() }).strict(),
  z.object({ operation: z.literal('delete'), id }).strict(),
]);

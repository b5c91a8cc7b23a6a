import * as z from 'zod';

/** SCIM's paging numbers come as query strings; RFC 7644 §3.4.2.4 reads a startIndex under 1 as 1 and a negative count as 0. */
const integer = z.union([z.number(), z.string().regex(/^-?\d{1,9}$/, 'expected an integer')]).transform(Number);

export const readScimUsersInput = z.union([
  z.object({ id: z.string().min(1).max(200) }).strict(),
  z
    .object({
      filter: z.string().max(1024).optional(),
      startIndex: integer.optional(),
      count: integer.optional(),
    })
    .strict(),
]);

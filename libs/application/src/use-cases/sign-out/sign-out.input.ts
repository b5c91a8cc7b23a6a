import * as z from 'zod';

export const signOutInput = z
  .object({
    /** The session cookie's value. */
    token: z.string().max(4096),
  })
  .strict();

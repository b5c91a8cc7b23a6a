import * as z from 'zod';

export const authenticateSessionInput = z
  .object({
    /** The session cookie's value. */
    token: z.string().max(4096),
  })
  .strict();

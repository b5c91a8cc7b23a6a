import * as z from 'zod';

export const authenticateScimTokenInput = z
  .object({
    /** What followed `Bearer ` in the Authorization header; empty when there was none. */
    token: z.string().max(4096),
    /** The route asked for, and its method: what a failed attempt is recorded against. */
    route: z.string().max(1024),
    method: z.string().max(16),
  })
  .strict();

import * as z from 'zod';

export const createTokenInput = z
  .object({
    /** A label to recognise the token by. */
    name: z.string().default('cli'),
    /** admin, security-officer or auditor (the access-control library says which exist). */
    role: z.string(),
    /** Days until it expires; never when absent. */
    expiresInDays: z.coerce.number().int('expected a whole number of days').positive('expected a positive number of days').optional(),
  })
  .strict();

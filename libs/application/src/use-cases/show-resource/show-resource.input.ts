import * as z from 'zod';

export const showResourceInput = z
  .object({
    /** The resource's id in the policy. */
    resource: z.string().trim().min(1, 'give a resource id of the policy').max(256),
  })
  .strict();

import * as z from 'zod';

/** The requester withdraws a pending request. */
export const cancelAccessRequestInput = z
  .object({
    id: z.uuid({ error: 'not a request id (a UUID)' }),
    as: z.string().min(1).max(256).optional(),
  })
  .strict();

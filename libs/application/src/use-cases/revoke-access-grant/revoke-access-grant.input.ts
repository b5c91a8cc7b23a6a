import * as z from 'zod';

/** Ends a grant before its time: the security officer or the resource's owner, with a reason. */
export const revokeAccessGrantInput = z
  .object({
    id: z.uuid({ error: 'not a request id (a UUID)' }),
    reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(2000),
    as: z.string().min(1).max(256).optional(),
  })
  .strict();

export const revokeAccessGrantBody = z.object({ reason: revokeAccessGrantInput.shape.reason }).strict();

import * as z from 'zod';
import { oneOf } from '../shared/input-schemas.js';

/** A decision on the current stage of a request: approve or reject, always with a comment. */
export const decideAccessRequestInput = z
  .object({
    id: z.uuid({ error: 'not a request id (a UUID)' }),
    decision: oneOf(['approve', 'reject']),
    comment: z.string().trim().min(3, 'a decision carries a comment of at least 3 characters').max(2000),
    /** The command line only: the login of the person deciding (their stage, their delegation, checked as for the API). */
    as: z.string().min(1).max(256).optional(),
  })
  .strict();

/** The body of POST /api/access-requests/:id/approve and /reject. */
export const decideAccessRequestBody = z.object({ comment: decideAccessRequestInput.shape.comment }).strict();

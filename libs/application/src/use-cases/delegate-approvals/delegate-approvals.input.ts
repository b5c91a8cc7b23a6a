import * as z from 'zod';
import { isoInstant, untilEndOfDay } from '../shared/input-schemas.js';

/** An approver names a deputy who decides for them from `from` (now when absent) to `until` (at most 90 days). */
export const delegateApprovalsInput = z
  .object({
    deputy: z.string().min(1).max(256),
    from: isoInstant.optional(),
    until: untilEndOfDay,
    as: z.string().min(1).max(256).optional(),
  })
  .strict();

/** The body of POST /api/delegations: the same, without the command line's `as` (the caller delegates their own approvals). */
export const delegateApprovalsBody = delegateApprovalsInput.omit({ as: true }).strict();

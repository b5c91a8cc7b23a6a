import * as z from 'zod';
import { oneOf, untilEndOfDay } from '../shared/input-schemas.js';

/** Why: kept with the finding (at least 10 characters; the audit library says so). */
const reason = z.string();

/** The request body of an acknowledgement, as the API documents it: the fields the use case reads from a body. */
export const acknowledgeBody = z.object({ reason }).strict();
/** The request body of a risk acceptance: until is the last day, YYYY-MM-DD (the whole day, UTC), or an ISO 8601 instant. */
export const acceptRiskBody = z.object({ reason, until: untilEndOfDay }).strict();

export const decideOnFindingInput = z
  .object({
    id: z.string().min(1).max(200),
    decision: oneOf(['acknowledge', 'accept-risk']),
    reason,
    until: untilEndOfDay.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'accept-risk' && !v.until)
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'accepting a risk needs the date it ends, YYYY-MM-DD' });
    if (v.decision === 'acknowledge' && v.until)
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'an acknowledgement has no end date: accept the risk instead' });
  });

import * as z from 'zod';
import { directoryName } from '../shared/input-schemas.js';

/**
 * A new access request: the resource (a policy resource id, or `group:<name>` for a group the policy marks
 * requestable) and its level (`member` for a group), why, and for how long. `for`: the beneficiary's login, oneself
 * when absent (a manager asks for a report). `days` or `permanent: true`, not both; neither: the policy's default
 * length (time-bound access is the default for critical resources).
 */
const fields = z
  .object({
    resource: z.string().min(1).max(200),
    level: z.string().min(1).max(32),
    justification: z.string().trim().min(10, 'say why, in at least 10 characters: the approvers read it').max(2000),
    days: z.coerce.number().int().min(1).max(3650).optional(),
    permanent: z.boolean().optional(),
    for: z.string().min(1).max(256).optional(),
    directory: directoryName.optional(),
    /** The command line only: the login of the person asking (a system actor is nobody). */
    as: z.string().min(1).max(256).optional(),
  })
  .strict();

const daysOrPermanent = (v: { days?: number; permanent?: boolean }, ctx: z.RefinementCtx) => {
  if (v.days !== undefined && v.permanent)
    ctx.addIssue({ code: 'custom', path: ['permanent'], message: 'ask for a number of days or for permanent access, not both' });
};

export const createAccessRequestInput = fields.superRefine(daysOrPermanent);

/** The body of POST /api/access-requests: the same, without the command line's `as`. */
export const createAccessRequestBody = fields.omit({ as: true }).strict().superRefine(daysOrPermanent);

import * as z from 'zod';
import { REQUEST_STATUSES } from '#vigie/requests';
import { commaList, oneOf, pageLimit } from '../shared/input-schemas.js';

/**
 * mine: made by me or for me; to-decide: pending at a stage I may decide (mine, my delegators', every security-officer
 * stage for a security officer); all: every request I may read (everything for the roles that read all).
 */
export const listAccessRequestsInput = z
  .object({
    view: oneOf(['mine', 'to-decide', 'all']).default('all'),
    status: commaList.pipe(z.array(oneOf(REQUEST_STATUSES))).optional(),
    resource: z.string().max(200).optional(),
    limit: pageLimit,
    cursor: z.string().max(512).optional(),
    /** The command line only: whose view (`mine`, `to-decide`). */
    as: z.string().min(1).max(256).optional(),
  })
  .strict();

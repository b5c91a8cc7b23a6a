import * as z from 'zod';
import { directoryName, pageLimit, pageOffset } from '../shared/input-schemas.js';

export const resourceAccessInput = z
  .object({
    /** A resource id of the policy. */
    resource: z.string().trim().min(1, 'give a resource id of the policy'),
    directory: directoryName.optional(),
    limit: pageLimit,
    offset: pageOffset,
  })
  .strict();

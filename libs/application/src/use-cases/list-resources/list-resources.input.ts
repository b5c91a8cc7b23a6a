import * as z from 'zod';
import { commaList, pageLimit } from '../shared/input-schemas.js';

export const listResourcesInput = z
  .object({
    /** Part of the id or name, any case. */
    q: z.string().trim().min(1, 'give part of a resource id or name').max(256).optional(),
    /** The policy's resource types (share, application...), comma-separated. */
    type: commaList.pipe(z.array(z.string().min(1).max(64))).optional(),
    /** The policy's criticalities, comma-separated. */
    criticality: commaList.pipe(z.array(z.string().min(1).max(64))).optional(),
    /** true: only resources holding personal data; false: only those without. */
    personalData: z
      .enum(['true', 'false'], 'give true or false')
      .transform((v) => v === 'true')
      .optional(),
    limit: pageLimit,
    cursor: z.string().min(1).max(1024).optional(),
  })
  .strict();

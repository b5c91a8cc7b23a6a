import * as z from 'zod';
import { FINDING_STATUSES, SEVERITIES } from '#vigie/audit';
import { commaList, oneOf, pageLimit, pageOffset } from '../shared/input-schemas.js';

export const listFindingsInput = z
  .object({
    rule: commaList.pipe(z.array(z.string().regex(/^[HGR]-[A-Z0-9-]+$/, 'expected rule ids such as H-PWD-NEVER-EXPIRES'))).optional(),
    severity: commaList.pipe(z.array(oneOf(SEVERITIES))).optional(),
    status: commaList.pipe(z.array(oneOf(FINDING_STATUSES as readonly [string, ...string[]]))).optional(),
    directory: z.string().max(64).optional(),
    login: z.string().max(256).optional(),
    limit: pageLimit,
    offset: pageOffset,
  })
  .strict();

import * as z from 'zod';
import { ACCESS_LEVELS } from '../policy-vocabulary.js';
import { RESOURCE_ID_PATTERN } from './resource-list.schema.js';
import { documentHeader, isoDate, nonEmptyString, strictObject } from './schema-helpers.js';

export const GRANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Who a temporary grant is for: one account (by login), one person's accounts (by employee id), or a directory group's members. */
export const grantBeneficiarySchema = strictObject({
  login: nonEmptyString().optional().describe('One account, by login (sAMAccountName or uid).'),
  employeeId: nonEmptyString().optional().describe("Every account of one person, by employee id (the directory's, or the HR record's)."),
  group: nonEmptyString().optional().describe('Every effective member of a directory group (name, DN or SID).'),
  directory: nonEmptyString().optional().describe('Directory name from the configuration; every directory when absent.'),
})
  .superRefine((to, ctx) => {
    const given = (['login', 'employeeId', 'group'] as const).filter((key) => to[key] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `name exactly one beneficiary: login, employeeId or group${given.length ? ` (found ${given.join(' and ')})` : ''}`,
      });
    }
  })
  .describe('Who the access is granted to.');

/**
 * An access given for a while: a project, a replacement, an audit. Until its last day it allows what it names, like
 * an access rule; after it, the access must be gone (G-TEMP-EXPIRED) and no longer counts as allowed.
 */
export const temporaryGrantSchema = strictObject({
  id: z
    .string()
    .regex(GRANT_ID_PATTERN, 'must be letters, digits, dots, dashes or underscores (^[A-Za-z0-9][A-Za-z0-9._-]*$)')
    .describe('Stable id (an access request number, a ticket), unique across all grant files; findings name it.'),
  to: grantBeneficiarySchema,
  resource: z.string().regex(RESOURCE_ID_PATTERN, 'must be the id of a resource of resources/').describe('Id of a resource of resources/.'),
  levels: z
    .array(z.enum(ACCESS_LEVELS))
    .min(1, 'must list at least one access level')
    .describe('Access levels allowed, as in access rules (write does not imply read).'),
  until: isoDate().describe('Last day the grant holds (YYYY-MM-DD, included, UTC): from the next day on, the access must be gone.'),
  reason: nonEmptyString().describe('Why the access was granted.'),
  approvedBy: nonEmptyString().optional().describe('Employee id of who approved it.'),
});

export const grantListSchema = strictObject({
  ...documentHeader('GrantList', 'grant-list.schema.json'),
  grants: z.array(temporaryGrantSchema),
}).meta({
  title: 'Vigie GrantList',
  description: 'Temporary grants: access allowed to a person or a group on one resource until a date (G-TEMP-EXPIRED after it).',
});

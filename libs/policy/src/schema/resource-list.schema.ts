import * as z from 'zod';
import { AUDIENCES, CRITICALITIES, LOCAL_ADMIN_TYPES, RESOURCE_TYPES } from '../policy-vocabulary.js';
import { documentHeader, isoDate, nonEmptyString, strictObject } from './schema-helpers.js';

export const RESOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const groupList = z.array(nonEmptyString()).describe('Directory groups granting this level, by name (cn / sAMAccountName) or full DN.');

const grantsSchema = strictObject({
  read: groupList.optional(),
  write: groupList.optional(),
  admin: groupList.optional(),
  'local-admin': groupList.optional().describe('Workstations and workstation groups only.'),
});

const personalDataSchema = strictObject({
  categories: z
    .array(nonEmptyString())
    .min(1, 'must list at least one category')
    .describe('Free words; GDPR art. 9 special categories: health, union, religion, ethnicity, politics, sexual-orientation, biometric, genetic.'),
  record: nonEmptyString().optional().describe('Id of the record of processing (GDPR art. 30).'),
});

// A distinguished name as written in the directory: attribute=value pairs, e.g. OU=Lyon,OU=Postes,DC=acme,DC=test.
const DN_PATTERN = /^\s*[A-Za-z][\w-]*\s*=[^,]+(,\s*[A-Za-z][\w-]*\s*=[^,]+)*\s*$/;

/**
 * Which computers a workstation resource governs: those under one of the OUs (any depth), those effectively in one of
 * the groups (nested groups followed), and those whose host name matches one of the patterns; any of them is enough.
 */
export const computerSelectorSchema = strictObject({
  ous: z
    .array(nonEmptyString().regex(DN_PATTERN, 'must be a distinguished name such as OU=Postes,DC=acme,DC=test'))
    .optional()
    .describe('OUs (or containers) by DN: every computer below one of them, at any depth.'),
  groups: z
    .array(nonEmptyString())
    .optional()
    .describe('Directory groups of computers, by name or DN: every computer effectively in one of them (nested groups followed).'),
  names: z
    .array(nonEmptyString())
    .optional()
    .describe('Host name patterns (sAMAccountName without $, or dNSHostName), * and ? as wildcards, case-insensitive: PC-*, LYO-??-*.'),
}).superRefine((selector, ctx) => {
  if (!selector.ous?.length && !selector.groups?.length && !selector.names?.length) {
    ctx.addIssue({ code: 'custom', message: 'must name at least one of ous, groups or names: an empty selector governs no computer' });
  }
});

export const resourceSchema = strictObject({
  id: z
    .string()
    .regex(RESOURCE_ID_PATTERN, 'must be lowercase letters, digits and dashes, not starting with a dash (^[a-z0-9][a-z0-9-]*$)')
    .describe('Stable id, unique across all resource files.'),
  type: z.enum(RESOURCE_TYPES),
  name: nonEmptyString().describe(
    'UNC path of a share, printer queue (\\\\server\\queue); for a workstation resource without computers, the host name pattern of the computers it governs.',
  ),
  owner: nonEmptyString().optional().describe('Employee id of the accountable owner.'),
  criticality: z.enum(CRITICALITIES).optional(),
  location: nonEmptyString().optional(),
  tags: z.array(nonEmptyString()).optional(),
  personalData: personalDataSchema.optional().describe('Absent means the resource holds no personal data.'),
  audience: z
    .enum(AUDIENCES)
    .optional()
    .describe(
      'everyone: meant for everybody (a common share, the printers), so a grant to an everyone-like group is no finding (G-OPEN-SHARE); absent or restricted: granted to some people only.',
    ),
  computers: computerSelectorSchema
    .optional()
    .describe('Workstations and workstation groups: the computers this resource governs (G-NO-OWNER). Absent: the computers whose host name matches name.'),
  grants: grantsSchema.default({}),
  requestable: z
    .boolean()
    .optional()
    .describe('Whether people may ask for access to it (access requests). Absent: requestable when it grants some level to a group.'),
  reviewedAt: isoDate().optional().describe('Day of the last access review of this resource (YYYY-MM-DD), for G-REVIEW-OVERDUE; absent means never reviewed.'),
  reviewedBy: nonEmptyString().optional().describe('Employee id of who reviewed the access (the owner, usually).'),
}).superRefine((resource, ctx) => {
  if (resource.grants['local-admin'] && !LOCAL_ADMIN_TYPES.includes(resource.type)) {
    ctx.addIssue({
      code: 'custom',
      path: ['grants', 'local-admin'],
      message: `local-admin applies only to ${LOCAL_ADMIN_TYPES.join(' and ')}, not to a ${resource.type}`,
    });
  }
  if (resource.computers && !LOCAL_ADMIN_TYPES.includes(resource.type)) {
    ctx.addIssue({
      code: 'custom',
      path: ['computers'],
      message: `computers applies only to ${LOCAL_ADMIN_TYPES.join(' and ')}, not to a ${resource.type}`,
    });
  }
  // GDPR art. 25(2): by default, personal data are not made accessible to an indefinite number of people. A resource
  // holding them cannot be meant for everybody; saying so would silence G-OPEN-SHARE where it matters most.
  if (resource.audience === 'everyone' && resource.personalData) {
    ctx.addIssue({
      code: 'custom',
      path: ['audience'],
      message: 'a resource holding personal data cannot be meant for everyone (GDPR art. 25(2)): remove audience, or personalData if it holds none',
    });
  }
  if (resource.reviewedBy && !resource.reviewedAt) {
    ctx.addIssue({ code: 'custom', path: ['reviewedBy'], message: 'reviewedBy needs reviewedAt: write the day of the review as well (YYYY-MM-DD)' });
  }
});

export const resourceListSchema = strictObject({
  ...documentHeader('ResourceList', 'resource-list.schema.json'),
  resources: z.array(resourceSchema),
}).meta({ title: 'Vigie ResourceList', description: 'Resources governed by the security policy.' });

import * as z from 'zod';
import { CRITICALITIES, LOCAL_ADMIN_TYPES, RESOURCE_TYPES } from '../policy-vocabulary.js';
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

export const resourceSchema = strictObject({
  id: z
    .string()
    .regex(RESOURCE_ID_PATTERN, 'must be lowercase letters, digits and dashes, not starting with a dash (^[a-z0-9][a-z0-9-]*$)')
    .describe('Stable id, unique across all resource files.'),
  type: z.enum(RESOURCE_TYPES),
  name: nonEmptyString().describe('UNC path, printer queue or host pattern.'),
  owner: nonEmptyString().optional().describe('Employee id of the accountable owner.'),
  criticality: z.enum(CRITICALITIES).optional(),
  location: nonEmptyString().optional(),
  tags: z.array(nonEmptyString()).optional(),
  personalData: personalDataSchema.optional().describe('Absent means the resource holds no personal data.'),
  grants: grantsSchema.default({}),
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
  if (resource.reviewedBy && !resource.reviewedAt) {
    ctx.addIssue({ code: 'custom', path: ['reviewedBy'], message: 'reviewedBy needs reviewedAt: write the day of the review as well (YYYY-MM-DD)' });
  }
});

export const resourceListSchema = strictObject({
  ...documentHeader('ResourceList', 'resource-list.schema.json'),
  resources: z.array(resourceSchema),
}).meta({ title: 'Vigie ResourceList', description: 'Resources governed by the security policy.' });

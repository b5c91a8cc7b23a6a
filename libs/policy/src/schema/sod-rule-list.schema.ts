import * as z from 'zod';
import { ACCESS_LEVELS, SEVERITIES, SOD_SCOPES } from '../policy-vocabulary.js';
import { documentHeader, nonEmptyString, strictObject } from './schema-helpers.js';
import { RESOURCE_ID_PATTERN } from './resource-list.schema.js';

export const SOD_RULE_ID_PATTERN = RESOURCE_ID_PATTERN;

/** An entitlement as an SoD rule names it: an access level on a policy resource, or membership of a directory group. */
export const sodEntitlementSchema = z.union([
  strictObject({
    resource: z.string().regex(RESOURCE_ID_PATTERN, 'must be a resource id (lowercase letters, digits and dashes)').describe('Id of a resource of the policy.'),
    level: z
      .enum(ACCESS_LEVELS)
      .optional()
      .describe('Held by whoever has this level or a higher one (admin includes write, write includes read); any level when absent.'),
  }),
  strictObject({
    group: nonEmptyString().describe('A directory group, by name (cn / sAMAccountName) or DN: held through direct, nested or primary-group membership.'),
  }),
]);

export const sodRuleSchema = strictObject({
  id: z
    .string()
    .regex(SOD_RULE_ID_PATTERN, 'must be lowercase letters, digits and dashes, not starting with a dash (^[a-z0-9][a-z0-9-]*$)')
    .describe('Stable id, unique across all SoD files: findings are keyed by it.'),
  description: nonEmptyString().describe('Why these entitlements must not be held together; shown in every finding.'),
  severity: z.enum(SEVERITIES).default('high').describe('Severity of the findings of this rule (G-SOD); high when absent.'),
  scope: z
    .enum(SOD_SCOPES)
    .default('identity')
    .describe('identity: a person across all their accounts (same employee id), so an admin account counts; account: each account alone (tiering).'),
  maxHeld: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(1)
    .describe('How many of the entitlements one may hold; 1 (the default) makes any two of them a conflict.'),
  entitlements: z.array(sodEntitlementSchema).min(2, 'must list at least two entitlements').describe('The incompatible entitlements.'),
}).superRefine((rule, ctx) => {
  if (rule.maxHeld >= rule.entitlements.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxHeld'],
      message: `must be less than the number of entitlements (${rule.entitlements.length}), or the rule can never be broken`,
    });
  }
});

export const sodRuleListSchema = strictObject({
  ...documentHeader('SodRuleList', 'sod-rule-list.schema.json'),
  rules: z.array(sodRuleSchema),
}).meta({
  title: 'Vigie SodRuleList',
  description: 'Separation of duties: sets of entitlements no one may hold together (audit rule G-SOD).',
});

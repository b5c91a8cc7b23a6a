import { z } from 'zod';
import { SEVERITIES } from '../policy-vocabulary.js';
import { documentHeader, nonEmptyString, strictObject } from './schema-helpers.js';

export const RULE_ID_PATTERN = /^[HGR]-[A-Z0-9-]+$/;

// Rules take their own numeric parameters (thresholds, percentages): they pass through, but only as numbers.
const ruleSettingsSchema = z
  .object({
    enabled: z.boolean().optional(),
    severity: z.enum(SEVERITIES).optional(),
    thresholdDays: z.number().int('must be a whole number of days').nonnegative('must be 0 or more').optional(),
  })
  .catchall(z.number({ error: 'rule parameters other than enabled and severity must be numbers' }));

const groupList = z.array(nonEmptyString()).default([]);

export const settingsSchema = strictObject({
  ...documentHeader('Settings', 'settings.schema.json'),
  rules: z
    .record(
      z.string().regex(RULE_ID_PATTERN, 'must be an audit rule id such as H-INACTIVE-USER (^[HGR]-[A-Z0-9-]+$)'),
      ruleSettingsSchema,
    )
    .default({})
    .describe('Overrides of audit rules, by rule id.'),
  privilegedGroups: groupList.describe('Company privileged groups, added to the built-in AD ones (names or DNs).'),
  serviceAccounts: z.array(nonEmptyString()).default([]).describe('Logins of service accounts.'),
  everyoneGroups: groupList.describe('Groups every account is in (OpenLDAP has no built-in one), names or DNs.'),
}).meta({ title: 'Vigie Settings', description: 'Audit rule overrides and company-specific directory groups.' });

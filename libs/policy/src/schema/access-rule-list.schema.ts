import * as z from 'zod';
import { IDENTITY_CONDITION, RESOURCE_CONDITION } from '../conditions/condition-validator.js';
import { ACCESS_LEVELS, LOCAL_ADMIN_TYPES, type RuleTarget, RULE_TARGETS } from '../policy-vocabulary.js';
import { conditionSchema, documentHeader, nonEmptyString, strictObject } from './schema-helpers.js';

const levels = z.array(z.enum(ACCESS_LEVELS)).min(1, 'must list at least one access level');

const appliesToMachines = (on: RuleTarget) => on === 'all' || (LOCAL_ADMIN_TYPES as readonly string[]).includes(on);

export const accessRuleSchema = strictObject({
  description: nonEmptyString().optional(),
  when: conditionSchema(IDENTITY_CONDITION, 'Condition on the identity (optional: everyone).').optional(),
  can: levels.optional(),
  cannot: levels.optional().describe('Overrides any can rule.'),
  birthright: z.boolean().optional().describe('A can rule whose access every identity it applies to should hold, not only may (G-MISSING-BIRTHRIGHT).'),
  on: z.enum(RULE_TARGETS).describe('A resource type, or all.'),
  where: conditionSchema(RESOURCE_CONDITION, 'Condition on the resource (optional); values may use ${identity.<attribute>} placeholders.').optional(),
}).superRefine((rule, ctx) => {
  if ((rule.can === undefined) === (rule.cannot === undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: 'a rule needs exactly one of can or cannot' });
  }
  if (rule.birthright && rule.cannot) {
    ctx.addIssue({ code: 'custom', path: ['birthright'], message: 'only a can rule can be a birthright' });
  }
  const levelsKey = rule.can ? 'can' : 'cannot';
  if (rule[levelsKey]?.includes('local-admin') && !appliesToMachines(rule.on)) {
    ctx.addIssue({
      code: 'custom',
      path: [levelsKey],
      message: `local-admin applies only to ${LOCAL_ADMIN_TYPES.join(' and ')} (or all), not to ${rule.on}`,
    });
  }
});

export const accessRuleListSchema = strictObject({
  ...documentHeader('AccessRuleList', 'access-rule-list.schema.json'),
  rules: z.array(accessRuleSchema),
}).meta({
  title: 'Vigie AccessRuleList',
  description: 'Who may hold which access. Deny by default; cannot overrides can.',
});

import * as z from 'zod';
import { CRITICALITIES, SEVERITIES } from '../policy-vocabulary.js';
import { closestRuleId, PROTECTED_ACCOUNT_EXEMPTIONS, RULE_CATALOGUE, type RuleParameter } from '../rule-catalogue.js';
import { documentHeader, forwardIssues, nonEmptyString, strictObject } from './schema-helpers.js';

export const RULE_ID_PATTERN = /^[HGR]-[A-Z0-9-]+$/;

const wholeDays = (description: string) => z.number().int('must be a whole number of days').nonnegative('must be 0 or more').describe(description);

function parameterSchema(parameter: RuleParameter) {
  if (parameter.kind === 'words') {
    return z
      .array(nonEmptyString())
      .min(1, 'must list at least one entry (to turn the rule off, write enabled: false)')
      .describe(`${parameter.description} Default: ${parameter.default.join(', ')}.`);
  }
  const described = `${parameter.description} Default ${parameter.default}.`;
  switch (parameter.kind) {
    case 'days':
      return wholeDays(described);
    case 'hours':
      return z.number().int('must be a whole number of hours').nonnegative('must be 0 or more').describe(described);
    case 'minutes':
      return z.number().int('must be a whole number of minutes').nonnegative('must be 0 or more').describe(described);
    case 'count':
      return z.number().int('must be a whole number').nonnegative('must be 0 or more').describe(described);
    case 'percent':
      return z.number().min(0, 'must be between 0 and 100').max(100, 'must be between 0 and 100').describe(described);
    case 'severity':
      return z.enum(SEVERITIES).describe(described);
    case 'switch':
      return z.boolean().describe(described);
  }
}

/** The overrides one rule accepts: enabled, severity and the rule's own parameters, nothing else. */
export function ruleSettingsSchema(ruleId: string) {
  const { title, parameters } = RULE_CATALOGUE[ruleId];
  return strictObject({
    enabled: z.boolean().optional().describe('false turns the rule off.'),
    severity: z.enum(SEVERITIES).optional().describe('Replaces the severity of every finding of this rule.'),
    ...Object.fromEntries(Object.entries(parameters).map(([name, parameter]) => [name, parameterSchema(parameter).optional()])),
  }).describe(title);
}

// A record checked key by key rather than a strict object: a misspelt rule id gets "did you mean", and every rule's
// parameters are still checked when another key is wrong. The JSON Schema lists the rules (policy-schema-generator).
export const ruleOverridesSchema = z
  .record(z.string(), z.unknown())
  .superRefine((overrides, ctx) => {
    for (const [id, value] of Object.entries(overrides)) {
      if (!RULE_ID_PATTERN.test(id)) {
        ctx.addIssue({
          code: 'custom',
          path: [id],
          params: { target: 'key' },
          message: `invalid key "${id}": must be an audit rule id such as H-INACTIVE-USER (^[HGR]-[A-Z0-9-]+$)`,
        });
      } else if (!RULE_CATALOGUE[id]) {
        const guess = closestRuleId(id);
        ctx.addIssue({
          code: 'custom',
          path: [id],
          params: { target: 'key' },
          message: `unknown audit rule "${id}"${guess ? `; did you mean ${guess}?` : ''} (the ids of the rule catalogue: H-..., G-..., R-...)`,
        });
      } else {
        forwardIssues(ruleSettingsSchema(id), value, [id], ctx);
      }
    }
  })
  .transform((overrides) => overrides as Record<string, z.output<ReturnType<typeof ruleSettingsSchema>>>)
  .describe("Overrides of audit rules, by rule id: enabled, severity and the rule's own thresholds.");

const groupList = z.array(nonEmptyString()).default([]);

const serviceAccountSchema = z.union([
  nonEmptyString().describe('Login (sAMAccountName or uid).'),
  strictObject({
    login: nonEmptyString().describe('Login (sAMAccountName or uid).'),
    directory: nonEmptyString().optional().describe('Directory name from the configuration; all directories when absent.'),
    owner: nonEmptyString().optional().describe('Employee id of the person accountable for the account.'),
    purpose: nonEmptyString().optional().describe('What the account is for.'),
  }),
]);

/** A rule id of the catalogue (the JSON Schema lists them: policy-schema-generator). */
export const catalogueRuleId = z.string().superRefine((id, ctx) => {
  if (RULE_CATALOGUE[id]) return;
  const guess = closestRuleId(id);
  ctx.addIssue({
    code: 'custom',
    message: `unknown audit rule "${id}"${guess ? `; did you mean ${guess}?` : ''} (the ids of the rule catalogue: H-..., G-..., R-...)`,
  });
});

const protectedAccountSchema = z.union([
  nonEmptyString().describe('Login (sAMAccountName or uid).'),
  strictObject({
    login: nonEmptyString().describe('Login (sAMAccountName or uid).'),
    directory: nonEmptyString().optional().describe('Directory name from the configuration; all directories when absent.'),
    reason: nonEmptyString().optional().describe('Why the account must stay as it is (break-glass, vendor-managed...).'),
    exemptFrom: z
      .array(catalogueRuleId)
      .min(1, 'must list at least one rule id')
      .optional()
      .describe(`The rules that leave the account alone, instead of the default ${PROTECTED_ACCOUNT_EXEMPTIONS.join(', ')}.`),
  }),
]);

export const RETENTION_DEFAULTS = { leaverAccountDays: 90, auditLogMonths: 12 } as const;
export const REVIEW_INTERVAL_DEFAULTS = { standard: 365, critical: 180, privileged: 90 } as const;

// CNIL délibération 2021-122: access logs are kept 6 months to 1 year, up to 3 years only where it is documented.
const retentionSchema = strictObject({
  leaverAccountDays: wholeDays('Days a disabled leaver account may be kept (R-LEAVER-RETENTION).').default(RETENTION_DEFAULTS.leaverAccountDays),
  auditLogMonths: z
    .number()
    .int('must be a whole number of months')
    .min(6, 'must be at least 6 months (CNIL: access logs are kept 6 months to 1 year)')
    .max(36, 'must be at most 36 months (CNIL: 3 years at most, and only where documented)')
    .default(RETENTION_DEFAULTS.auditLogMonths)
    .describe('Months the audit trail and access logs are kept (R-LOG-RETENTION): 6 to 12, up to 36 with a justification.'),
  auditLogJustification: nonEmptyString().optional().describe('Why logs are kept beyond 12 months; required above 12.'),
}).superRefine((retention, ctx) => {
  if (retention.auditLogMonths > 12 && !retention.auditLogJustification) {
    ctx.addIssue({
      code: 'custom',
      path: ['auditLogMonths'],
      message: 'more than 12 months needs auditLogJustification: CNIL allows up to 3 years only where it is documented',
    });
  }
});

const reviewIntervalsSchema = strictObject({
  standard: wholeDays('Days between reviews of an ordinary resource.').min(1, 'must be at least 1').default(REVIEW_INTERVAL_DEFAULTS.standard),
  critical: wholeDays('Days between reviews of a critical resource.').min(1, 'must be at least 1').default(REVIEW_INTERVAL_DEFAULTS.critical),
  privileged: wholeDays('Days between reviews of privileged access: resources that grant admin or local-admin, or name a group of privilegedGroups.')
    .min(1, 'must be at least 1')
    .default(REVIEW_INTERVAL_DEFAULTS.privileged),
}).superRefine((intervals, ctx) => {
  // Riskier access is reviewed at least as often: a longer interval is a typo or a misunderstanding.
  if (intervals.critical > intervals.standard) {
    ctx.addIssue({
      code: 'custom',
      path: ['critical'],
      message: `must not be longer than standard (${intervals.standard} days): critical resources are reviewed at least as often`,
    });
  }
  if (intervals.privileged > intervals.critical) {
    ctx.addIssue({
      code: 'custom',
      path: ['privileged'],
      message: `must not be longer than critical (${intervals.critical} days): privileged access is reviewed at least as often`,
    });
  }
});

// Who decides access requests and for how long access is granted (issue 16). Every field is optional: what the block
// leaves out keeps the defaults of libs/requests (requestSettingsOf), so the parsed block is a partial RequestSettings.
const APPROVAL_STAGES = ['manager', 'owner', 'security-officer'] as const;

const approvalChain = (description: string) =>
  z
    .array(z.enum(APPROVAL_STAGES))
    .min(1, 'must list at least one stage (manager, owner or security-officer): a request nobody decides would never be granted')
    .superRefine((stages, ctx) => {
      const twice = stages.find((stage, i) => stages.indexOf(stage) !== i);
      if (twice) ctx.addIssue({ code: 'custom', message: `lists ${twice} twice: each stage decides once` });
    })
    .describe(description);

const positiveDays = (description: string) => z.number().int('must be a whole number of days').positive('must be 1 or more').describe(description);
const positiveHours = (description: string) => z.number().int('must be a whole number of hours').positive('must be 1 or more').describe(description);

const requestableGroupSchema = strictObject({
  group: nonEmptyString().describe('The directory group, by name (cn / sAMAccountName), DN or SID, as resources name groups.'),
  description: nonEmptyString().describe('What membership gives, in the words the catalogue shows.'),
  owner: nonEmptyString().optional().describe('Employee id of who approves membership (the owner stage).'),
  criticality: z.enum(CRITICALITIES).optional().describe('Chooses the approval chain and the longest grant; medium when absent.'),
});

export const requestSettingsSchema = strictObject({
  approvalChains: strictObject({
    low: approvalChain('Who decides a request for a low-criticality resource, in order. Default: manager.').optional(),
    medium: approvalChain('Medium criticality (and resources without one). Default: manager, owner.').optional(),
    high: approvalChain('High criticality. Default: manager, owner.').optional(),
    critical: approvalChain('Critical resources. Default: manager, owner, security-officer.').optional(),
    privileged: approvalChain(
      'Privileged groups (built-in AD admin groups and privilegedGroups), whatever the criticality. Default: manager, owner, security-officer.',
    ).optional(),
  })
    .optional()
    .describe('The approval chain by criticality: stages among manager, owner and security-officer. A chain left out keeps its default.'),
  maxDays: strictObject({
    low: positiveDays('Default 365.').optional(),
    medium: positiveDays('Default 365.').optional(),
    high: positiveDays('Default 180.').optional(),
    critical: positiveDays('Default 90.').optional(),
  })
    .optional()
    .describe('The longest grant one may ask for, in days, by criticality.'),
  defaultDays: positiveDays('The length of a grant when the request gives none. Default 30.').optional(),
  permanentAllowed: z
    .array(z.enum(CRITICALITIES))
    .optional()
    .describe('The criticalities where permanent access may be asked for ([] for none). Default: low, medium.'),
  decisionDays: positiveDays("The request's expiry: undecided this many days after it was made, it expires. Default 14.").optional(),
  reminderHours: positiveHours('A stage waiting this long reminds its approvers, once. Default 48.').optional(),
  escalationHours: positiveHours('A stage waiting this long is escalated to the security officer, once. Default 120.').optional(),
  exceptions: z
    .enum(['refuse', 'security-officer'])
    .optional()
    .describe(
      'A request the access rules do not allow for the beneficiary: refused with the reason (refuse, the default), or sent to the security officer with that warning (security-officer).',
    ),
  groups: z
    .array(requestableGroupSchema)
    .optional()
    .describe('Directory groups one may ask to join outside any resource (a VPN group, an application role): catalogue id group:<group>, level member.'),
});

// A distinguished name as the directory writes it (attribute=value pairs): OU=Finance,OU=Staff,DC=acme,DC=test.
const OU_DN = nonEmptyString().regex(
  /^[A-Za-z][A-Za-z0-9-]*=[^,]+(,\s*[A-Za-z][A-Za-z0-9-]*=[^,]+)*$/,
  'must be a distinguished name such as OU=Finance,OU=Staff,DC=acme,DC=test',
);

export const hrSettingsSchema = strictObject({
  departments: z
    .record(nonEmptyString(), OU_DN)
    .optional()
    .describe(
      "HR department (as the HR system names it) → the OU where its joiners' accounts are created and its movers' accounts moved. An HR event naming a department not listed is refused. Names compare without regard to case or accents.",
    ),
  leaversOu: OU_DN.optional().describe("The OU leavers' disabled accounts are moved to; they stay where they are when absent."),
});

export const settingsSchema = strictObject({
  ...documentHeader('Settings', 'settings.schema.json'),
  rules: ruleOverridesSchema.default({}),
  privilegedGroups: groupList.describe('Company privileged groups, added to the built-in AD ones (names or DNs).'),
  serviceAccounts: z
    .array(serviceAccountSchema)
    .default([])
    .describe('The service-account inventory: accounts that belong to no person (not reported by G-ORPHAN).'),
  everyoneGroups: groupList.describe('Groups every account is in (OpenLDAP has no built-in one), names or DNs.'),
  protectedAccounts: z
    .array(protectedAccountSchema)
    .default([])
    .describe(
      `Accounts that must stay as they are (break-glass accounts...): exempt from the rules whose remedy would disable, expire or remove them (${PROTECTED_ACCOUNT_EXEMPTIONS.join(', ')}), unless an entry names its own exemptFrom.`,
    ),
  retention: retentionSchema.default({ ...RETENTION_DEFAULTS }).describe('Retention periods (GDPR art. 5(1)(e)).'),
  reviewIntervals: reviewIntervalsSchema.default({ ...REVIEW_INTERVAL_DEFAULTS }).describe('Access review intervals (G-REVIEW-OVERDUE).'),
  hr: hrSettingsSchema
    .optional()
    .describe(
      "The HR feed's joiners, movers and leavers: the OU of each department, the leavers' OU. The mover grace period is G-MOVER's thresholdDays; the deletion of a leaver's account comes after retention.leaverAccountDays.",
    ),
  requests: requestSettingsSchema
    .optional()
    .describe('Access requests: approval chains by criticality, grant lengths, the request expiry, reminders, exceptions, requestable groups.'),
}).meta({
  title: 'Vigie Settings',
  description: 'Audit rule overrides, company privileged groups, service accounts, retention periods, review intervals and access requests.',
});

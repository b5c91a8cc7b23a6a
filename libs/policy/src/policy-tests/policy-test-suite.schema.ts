import * as z from 'zod';
import { ACCESS_LEVELS, IDENTITY_ATTRIBUTES } from '../policy-vocabulary.js';
import { RULE_ID_PATTERN } from '../schema/settings.schema.js';
import { RESOURCE_ID_PATTERN, resourceSchema } from '../schema/resource-list.schema.js';
import { documentHeader, forwardIssues, nonEmptyString, strictObject } from '../schema/schema-helpers.js';

export const TEST_SUITE_KIND = 'PolicyTestSuite';
export const TEST_SUITE_SCHEMA_FILE = 'policy-test-suite.schema.json';

const attributeShape = Object.fromEntries(IDENTITY_ATTRIBUTES.map((attribute) => [attribute, nonEmptyString().optional()])) as Record<
  (typeof IDENTITY_ATTRIBUTES)[number],
  z.ZodOptional<z.ZodString>
>;

/** The attributes access rules test; what is not given is missing (so `$exists: false` holds for it). */
export const testIdentitySchema = strictObject(attributeShape).describe('Identity attributes, as the access rules see them.');

/** A resource written in the suite rather than taken from the policy: the resource fields, id optional. */
export const testResourceSchema = z
  .record(z.string(), z.unknown())
  .superRefine((resource, ctx) => forwardIssues(resourceSchema, { id: 'inline', ...resource }, [], ctx))
  .describe('A resource like those of resources/ (type, name, criticality, tags, personalData...), id optional.');

const isoDate = z.string().refine((text) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) && !Number.isNaN(Date.parse(text)), {
  message: 'expected a date such as 2026-11-15 or 2026-11-15T08:00:00Z',
});

const fragmentAccountSchema = strictObject({
  ...attributeShape,
  login: nonEmptyString().describe('sAMAccountName or uid.'),
  enabled: z.boolean().default(true),
  memberOf: z.array(nonEmptyString()).default([]).describe('Groups the account is a direct member of, by name.'),
  primaryGroup: nonEmptyString().optional().describe('AD primary group, by name (membership not listed in member).'),
  userAccountControl: z.number().int().nonnegative().optional(),
  lastLogon: isoDate.optional(),
  whenCreated: isoDate.optional(),
  pwdLastSet: isoDate.optional(),
  accountExpires: isoDate.optional(),
  description: z.string().optional(),
  mail: nonEmptyString().optional(),
});

const fragmentGroupSchema = strictObject({
  name: nonEmptyString(),
  dn: nonEmptyString().optional(),
  rid: z.number().int().positive().optional().describe('Well-known RID in the test domain, e.g. 512 for Domain Admins.'),
  sid: z
    .string()
    .regex(/^S-1-[\d-]+$/, 'expected a SID such as S-1-5-32-544')
    .optional(),
  memberOf: z.array(nonEmptyString()).default([]).describe('Groups this group is nested in, by name.'),
});

/** A small directory for a findings test; groups named in memberOf or primaryGroup need not be declared. */
export const directoryFragmentSchema = strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes')
    .default('test'),
  accounts: z.array(fragmentAccountSchema).min(1, 'must list at least one account'),
  groups: z.array(fragmentGroupSchema).default([]),
});

const expectedFindingSchema = strictObject({
  rule: z.string().regex(RULE_ID_PATTERN, 'must be an audit rule id such as G-SOD'),
  login: nonEmptyString().optional(),
  resource: z.string().nullable().optional().describe('Resource id; null for a finding on no resource; any when absent.'),
  sodRule: nonEmptyString().optional().describe('For G-SOD: the SoD rule id.'),
  severity: z.enum(['critical', 'high', 'medium', 'low', 'info']).optional(),
});

const decision = z.enum(['allowed', 'denied']);

const expectationSchema = strictObject({
  ...(Object.fromEntries(ACCESS_LEVELS.map((level) => [level, decision.optional()])) as Record<(typeof ACCESS_LEVELS)[number], z.ZodOptional<typeof decision>>),
  findings: z
    .array(expectedFindingSchema)
    .optional()
    .describe('Exactly the findings expected from the directory fragment (each finding matches one of these, and each of these a finding).'),
});

export const testCaseSchema = strictObject({
  name: nonEmptyString(),
  identity: z.union([nonEmptyString(), testIdentitySchema]).optional().describe('A name from identities, or the attributes.'),
  resource: z.union([nonEmptyString(), testResourceSchema]).optional().describe('A resource id of the policy or of resources, or a resource.'),
  directory: directoryFragmentSchema.optional(),
  rules: z
    .array(z.string().regex(RULE_ID_PATTERN, 'must be an audit rule id such as G-SOD'))
    .min(1)
    .optional()
    .describe('Only these audit rules are evaluated on the fragment.'),
  asOf: isoDate.optional().describe('When the audit runs; now when absent.'),
  expect: expectationSchema,
}).superRefine((test, ctx) => {
  const levels = ACCESS_LEVELS.filter((level) => test.expect[level] !== undefined);
  if (levels.length > 0 && (test.identity === undefined || test.resource === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['expect'], message: 'an expected decision needs an identity and a resource' });
  }
  if (test.expect.findings !== undefined && test.directory === undefined) {
    ctx.addIssue({ code: 'custom', path: ['expect', 'findings'], message: 'expected findings need a directory fragment (directory: { accounts: [...] })' });
  }
  if (levels.length === 0 && test.expect.findings === undefined) {
    ctx.addIssue({ code: 'custom', path: ['expect'], message: `expect nothing: give a decision per level (${ACCESS_LEVELS.join(', ')}) or findings` });
  }
});

export const policyTestSuiteSchema = strictObject({
  ...documentHeader(TEST_SUITE_KIND, TEST_SUITE_SCHEMA_FILE),
  description: nonEmptyString().optional(),
  identities: z.record(z.string(), testIdentitySchema).default({}).describe('Named identities the tests refer to.'),
  resources: z
    .record(z.string().regex(RESOURCE_ID_PATTERN, 'must be a resource id: lowercase letters, digits and dashes'), testResourceSchema)
    .default({})
    .describe('Named resources the tests refer to, besides those of the policy.'),
  tests: z.array(testCaseSchema).min(1, 'must list at least one test'),
}).meta({
  title: 'Vigie PolicyTestSuite',
  description: 'Tests of the policy, kept beside it as *_test.yaml and run by `vigie policy test`.',
});

export type PolicyTestSuiteData = z.output<typeof policyTestSuiteSchema>;
export type TestCaseData = z.output<typeof testCaseSchema>;
export type DirectoryFragment = z.output<typeof directoryFragmentSchema>;
export type ExpectedFinding = z.output<typeof expectedFindingSchema>;

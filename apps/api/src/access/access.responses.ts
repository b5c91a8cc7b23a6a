import * as z from 'zod';

const AccountSummarySchema = z.strictObject({
  directory: z.string(),
  dn: z.string(),
  login: z.string().nullable(),
  employeeId: z.string().nullable(),
  displayName: z.string().nullable(),
  kind: z.string().describe('person, service, admin, computer...'),
  enabled: z.boolean(),
});

const ResourceSummarySchema = z
  .strictObject({
    id: z.string(),
    type: z.string(),
    name: z.string(),
    criticality: z.string().nullable(),
    owner: z.string().nullable(),
    personalData: z.array(z.string()).nullable().describe('categories of personal data the resource holds'),
  })
  .meta({ id: 'ResourceSummary' });

const ExplainedEntitlementSchema = z
  .strictObject({
    level: z.string(),
    group: z.string().describe('the granting group'),
    explain: z.array(z.string()).describe('the chain from the account to the granting group'),
  })
  .meta({ id: 'ExplainedEntitlement' });

const levels = z.array(z.string()).describe('read, write, admin, local-admin: the distinct levels held, lowest first');

export const IdentityAccessSchema = z
  .strictObject({
    query: z.string(),
    policyVersion: z.string(),
    accounts: z.array(
      AccountSummarySchema.extend({
        access: z.array(z.strictObject({ resource: ResourceSummarySchema, levels, entitlements: z.array(ExplainedEntitlementSchema) })),
      }),
    ),
  })
  .meta({ id: 'IdentityAccess' });

export type IdentityAccessResponse = z.infer<typeof IdentityAccessSchema>;

export const ResourceAccessSchema = z
  .strictObject({
    resource: ResourceSummarySchema,
    policyVersion: z.string(),
    grants: z
      .array(
        z.strictObject({
          directory: z.string(),
          level: z.string(),
          ref: z.string().describe('the group as the policy names it'),
          principals: z.array(z.strictObject({ name: z.string(), dn: z.string().nullable() })).describe('what the reference resolves to in the directory'),
        }),
      )
      .describe('what the policy names for each level, and the principals it resolves to in each directory'),
    openTo: z
      .array(z.strictObject({ directory: z.string(), principal: z.string(), level: z.string(), explain: z.array(z.string()) }))
      .describe('levels granted to everybody (Everyone, Authenticated Users, Domain Users...), with the chain'),
    total: z.int().min(0),
    limit: z.int().min(1),
    offset: z.int().min(0),
    holders: z.array(AccountSummarySchema.extend({ levels, entitlements: z.array(ExplainedEntitlementSchema) })),
  })
  .meta({ id: 'ResourceAccess' });

export type ResourceAccessResponse = z.infer<typeof ResourceAccessSchema>;

export const IdentitySearchPageSchema = z
  .strictObject({
    items: z.array(
      z
        .strictObject({
          directory: z.string(),
          dn: z.string(),
          kind: z.enum(['user', 'computer']),
          login: z.string().nullable(),
          displayName: z.string().nullable(),
          employeeId: z.string().nullable(),
          enabled: z.boolean(),
        })
        .meta({ id: 'AccountSummary' }),
    ),
    nextCursor: z.string().nullable().describe('pass it as cursor for the next page; null on the last'),
  })
  .meta({ id: 'IdentitySearchPage' });

export type IdentitySearchPageResponse = z.infer<typeof IdentitySearchPageSchema>;

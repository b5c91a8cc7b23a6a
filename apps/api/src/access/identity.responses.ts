import * as z from 'zod';
import { type IdentityView, accessRequestView, hrEventView } from '#vigie/application';
import { AccessRequestSchema } from '../access-requests/access-requests.responses.js';
import { FindingSchema, toFindingResponse } from '../findings/findings.responses.js';
import { HrEventSchema } from '../hr-events/hr-events.responses.js';
import { InstantSchema } from '../openapi/instant.schema.js';

const HeldGroupSchema = z
  .strictObject({
    name: z.string(),
    dn: z.string().nullable().describe('null for a well-known principal without a directory object (Everyone)'),
    kind: z.enum(['group', 'foreign', 'well-known', 'account']),
    how: z.enum(['direct', 'nested', 'primary group', 'implicit']).describe('how the account is in it: the last link of the chain'),
    via: z.string().nullable().describe('for a nested group, the group it is held through; null otherwise'),
    explain: z.array(z.string()).describe('the chain from the account to the group, one link a line'),
  })
  .meta({ id: 'HeldGroup' });

export const IdentitySchema = z
  .strictObject({
    query: z.string(),
    accounts: z
      .array(
        z.strictObject({
          directory: z.string(),
          dn: z.string(),
          login: z.string().nullable(),
          employeeId: z.string().nullable(),
          displayName: z.string().nullable(),
          kind: z.string(),
          enabled: z.boolean(),
          groups: z.array(HeldGroupSchema),
        }),
      )
      .describe('the accounts found and every account of the same person (same employee id) the caller may see'),
    findings: z
      .strictObject({ asOf: InstantSchema.nullable(), auditRunId: z.string().nullable(), items: z.array(FindingSchema) })
      .describe("the latest successful audit's findings on these accounts (by directory and login)"),
    accessRequests: z.array(AccessRequestSchema).describe('requests for these accounts, newest first, at most 50'),
    hrEvents: z.array(HrEventSchema).nullable().describe("HR events of the person's employee ids, newest received first, at most 50; null: see withheld"),
    withheld: z.strictObject({ hrEvents: z.string().nullable().describe('why hrEvents is null') }),
  })
  .meta({ id: 'Identity' });

export type IdentityResponse = z.infer<typeof IdentitySchema>;

export function toIdentityResponse(view: IdentityView): IdentityResponse {
  return {
    query: view.query,
    accounts: view.accounts.map((a) => ({
      ...a,
      kind: a.kind,
      groups: a.groups.map((g) => ({ ...g, kind: g.kind as IdentityResponse['accounts'][number]['groups'][number]['kind'] })),
    })),
    findings: { asOf: view.findings.asOf, auditRunId: view.findings.auditRunId, items: view.findings.items.map(toFindingResponse) },
    accessRequests: view.accessRequests.map(accessRequestView),
    hrEvents: view.hrEvents?.map(hrEventView) ?? null,
    withheld: view.withheld,
  };
}

import * as z from 'zod';
import {
  type AccessRequestView,
  type AccessRequestsPageView,
  type CatalogueEntryView,
  type DelegationView,
  accessRequestView,
  accessRequestsPageView,
  catalogueEntryView,
  delegationView,
} from '#vigie/application';
import type { AccessRequest, CatalogueEntry, Delegation } from '#vigie/requests';
import { InstantSchema } from '../openapi/instant.schema.js';

/** A nullable enum whose values list null, as OpenAPI 3.0 validators require (zod writes `nullable` alone). */
const nullableEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values)
    .nullable()
    .meta({ enum: [...values, null] });

const StageKindSchema = z.enum(['manager', 'owner', 'security-officer']).meta({ id: 'ApprovalStageKind' });
const personKeys = z.array(z.string()).describe('person keys (`<directory>:<DN>`) of who decides the stage; empty for a security-officer stage');

const PersonSchema = z
  .strictObject({
    key: z.string().describe('`<directory>:<DN>`: what approvers and delegations name a person by'),
    directory: z.string(),
    dn: z.string(),
    login: z.string().nullable().describe('sAMAccountName on AD, uid on OpenLDAP'),
    name: z.string().nullable(),
  })
  .meta({ id: 'RequestPerson' });

const RequestedResourceSchema = z
  .strictObject({
    id: z.string().describe('the policy resource id, or `group:<name>` for a group the policy marks requestable'),
    name: z.string(),
    type: z.string().describe('share, printer, workstation, workstation-group, or group'),
    criticality: z.enum(['low', 'medium', 'high', 'critical']),
    privileged: z.boolean().describe('the group is privileged: the chain ends with the security officer'),
    owner: z.string().nullable().describe("the owner's employee id, as the policy names it"),
  })
  .meta({ id: 'RequestedResource' });

const StageSchema = z
  .strictObject({
    kind: StageKindSchema,
    approvers: personKeys,
    decision: z
      .strictObject({
        outcome: z.enum(['approved', 'rejected']),
        by: PersonSchema,
        onBehalfOf: z.string().nullable().describe('the person key of the approver a deputy decided for (delegation), else null'),
        at: InstantSchema,
        comment: z.string(),
      })
      .nullable()
      .describe('null while the stage waits (or never came: a request rejected or closed before it)'),
    openedAt: InstantSchema.nullable().describe('when the stage started waiting; reminders and escalation count from here'),
    remindedAt: InstantSchema.nullable(),
    escalatedAt: InstantSchema.nullable().describe('when it was escalated to the security officer for waiting too long'),
    note: z
      .string()
      .nullable()
      .describe('why the stage is not what the chain names (a manager or owner stage nobody could decide, turned over to the security officer); else null'),
  })
  .meta({ id: 'ApprovalStage' });

const CurrentStageSchema = z
  .strictObject({
    index: z.int().min(0).describe('its place in `stages`'),
    kind: StageKindSchema,
    approvers: personKeys.describe('person keys of who may decide it (their deputies too, while a delegation runs); empty for a security-officer stage'),
    securityOfficers: z.boolean().describe('anyone holding the security-officer role may decide it (as a person, never with a token)'),
    openedAt: InstantSchema.nullable(),
  })
  .meta({ id: 'CurrentStage' });

const GrantSchema = z
  .strictObject({
    status: z
      .enum(['provisioning', 'active', 'removing', 'ended', 'failed'])
      .describe(
        'provisioning: approved, the membership not yet confirmed in the directory; active: confirmed; removing: its end decided, the removal not yet confirmed; ended; failed: a write given up on (see lastError)',
      ),
    directory: z.string(),
    groupDn: z.string(),
    memberDn: z.string(),
    durationDays: z.int().min(1).nullable().describe('the length of the grant from its start; null: permanent'),
    startsAt: InstantSchema.nullable().describe('when a read-back confirmed the membership'),
    endsAt: InstantSchema.nullable().describe(
      "THE GRANT'S EXPIRY: the membership is removed then. Null when permanent, or while provisioning (it counts from startsAt). Not the request's expiry (requestExpiresAt)",
    ),
    provisioned: nullableEnum(['added', 'already']).describe(
      'added: Vigie made the membership; already: it was there before (granted outside Vigie), so its end leaves it alone',
    ),
    endReason: nullableEnum(['expired', 'revoked']),
    revokedBy: z.string().nullable().describe('person key (or `system:<id>`) of who revoked it'),
    revokeReason: z.string().nullable(),
    endedAt: InstantSchema.nullable(),
    lastError: z.string().nullable().describe('the last directory write error, while retrying or once failed'),
  })
  .meta({ id: 'Grant' });

export const AccessRequestSchema = z
  .strictObject({
    id: z.uuid(),
    status: z
      .enum(['pending', 'approved', 'rejected', 'expired', 'cancelled'])
      .describe(
        'pending: a stage waits; approved: every stage approved (see grant); rejected; expired: undecided by requestExpiresAt; cancelled by the requester',
      ),
    requester: PersonSchema,
    beneficiary: PersonSchema,
    resource: RequestedResourceSchema,
    level: z.string().describe('read, write, admin, local-admin; member for a requestable group'),
    target: z
      .strictObject({ directory: z.string(), groupDn: z.string(), memberDn: z.string() })
      .describe("the membership an approval grants: the group, and the beneficiary's account made a member of it"),
    justification: z.string(),
    durationDays: z.int().min(1).nullable().describe('the length of the grant asked, in days from its start; null: permanent'),
    policyWarning: z
      .string()
      .nullable()
      .describe("why the policy's access rules do not allow this access for the beneficiary (an exception sent to the security officer); null when they do"),
    policyVersion: z.string(),
    createdAt: InstantSchema,
    requestExpiresAt: InstantSchema.describe(
      "THE REQUEST'S EXPIRY: still undecided then, the request expires and nothing is granted. It matters only while pending. Not the grant's end (grant.endsAt)",
    ),
    closedAt: InstantSchema.nullable().describe('when it stopped pending'),
    currentStage: CurrentStageSchema.nullable().describe('the stage waiting for a decision and who may take it; null once the request no longer waits'),
    stages: z.array(StageSchema).describe('the approval chain in order, each stage with its decision'),
    grant: GrantSchema.nullable().describe('the access given, once every stage approved; null before'),
    version: z.int().min(0).describe('changes with each update'),
  })
  .meta({ id: 'AccessRequest' });

export const AccessRequestsPageSchema = z
  .strictObject({
    requests: z.array(AccessRequestSchema),
    nextCursor: z.string().nullable().describe('pass it as `cursor` for the next page; null on the last page'),
  })
  .meta({ id: 'AccessRequestsPage' });

const CatalogueEntrySchema = z
  .strictObject({
    resource: RequestedResourceSchema,
    level: z.string(),
    meaning: z.string().describe('what the level gives, in plain words'),
    allowedByPolicy: z.boolean().describe("the policy's access rules allow it for the beneficiary"),
    policyReason: z.string().describe('the rule that allows it, or why none does'),
    exception: z.boolean().describe('not allowed, but such requests go to the security officer as exceptions (else they are refused)'),
    chain: z.array(StageKindSchema).describe('who will decide, in order'),
    maxDays: z.int().min(1).describe('the longest grant one may ask for'),
    defaultDays: z.int().min(1).nullable().describe('the length asked when none is given; null: permanent by default'),
    permanentAllowed: z.boolean(),
    alreadyHeld: z.boolean().describe('the beneficiary already reaches this level (directly, nested or by primary group)'),
    openRequest: z.string().nullable().describe('the id of a pending or granted request of the beneficiary for it'),
  })
  .meta({ id: 'CatalogueEntry' });

export const CatalogueSchema = z.strictObject({ entries: z.array(CatalogueEntrySchema) }).meta({ id: 'AccessCatalogue' });

export const DelegationSchema = z
  .strictObject({
    id: z.uuid(),
    delegator: z.string().describe('person key of the approver who delegates'),
    deputy: PersonSchema,
    from: InstantSchema,
    until: InstantSchema,
    createdBy: z.string(),
    createdAt: InstantSchema,
    revokedAt: InstantSchema.nullable(),
  })
  .meta({ id: 'Delegation' });

export type AccessRequestResponse = z.infer<typeof AccessRequestSchema>;
export type AccessRequestsPageResponse = z.infer<typeof AccessRequestsPageSchema>;
export type CatalogueResponse = z.infer<typeof CatalogueSchema>;
export type DelegationResponse = z.infer<typeof DelegationSchema>;

// The documented schemas and the views the application layer builds are the same shapes, checked both ways here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameShapes: [
  Same<AccessRequestResponse, AccessRequestView>,
  Same<AccessRequestsPageResponse, AccessRequestsPageView>,
  Same<CatalogueResponse['entries'][number], CatalogueEntryView>,
  Same<DelegationResponse, DelegationView>,
] = [true, true, true, true];

export const toAccessRequestResponse = (r: AccessRequest): AccessRequestResponse => accessRequestView(r);
export const toAccessRequestsPageResponse = (page: { items: AccessRequest[]; nextCursor: string | null }): AccessRequestsPageResponse =>
  accessRequestsPageView(page);
export const toCatalogueResponse = (entries: CatalogueEntry[]): CatalogueResponse => ({ entries: entries.map(catalogueEntryView) });
export const toDelegationResponse = (d: Delegation): DelegationResponse => delegationView(d);

import * as z from 'zod';
import type { UseCaseOutput } from '#vigie/application';
import { type FindingState, type FindingWithState, type FindingsPage, REMEDIATION_LANGS, SEVERITIES } from '#vigie/audit';
import { InstantSchema, toInstant, toInstantOrNull } from '../openapi/instant.schema.js';

const FindingStatusSchema = z.enum(['open', 'acknowledged', 'risk-accepted', 'resolved']).meta({ id: 'FindingStatus' });

const FindingSubjectSchema = z
  .strictObject({
    type: z.enum(['account', 'computer', 'group', 'directory', 'resource', 'log']),
    directory: z.string().nullable().describe('null for a finding on the policy alone'),
    dn: z.string().nullable(),
    login: z.string().nullable().describe('sAMAccountName on AD, uid on OpenLDAP'),
    employeeId: z.string().nullable(),
    name: z.string().optional().describe('name of a group, directory, resource or log subject'),
  })
  .meta({ id: 'FindingSubject' });

const FindingStateSummarySchema = z.strictObject({
  status: FindingStatusSchema,
  firstSeenAt: InstantSchema,
  lastSeenAt: InstantSchema,
  reopenedCount: z.int().min(0),
  decidedBy: z.string().nullable(),
  decidedAt: InstantSchema.nullable(),
  reason: z.string().nullable(),
  acceptedUntil: InstantSchema.nullable(),
});

export const FindingSchema = z
  .strictObject({
    id: z.string().describe('stable across runs: a hash of rule, subject and resource'),
    rule: z.string().describe('rule id, e.g. H-PWD-NEVER-EXPIRES'),
    severity: z.enum(SEVERITIES),
    subject: FindingSubjectSchema,
    resource: z.strictObject({ type: z.string(), id: z.string(), name: z.string() }).nullable().describe('null for rules on an account alone'),
    message: z.string(),
    evidence: z.record(z.string(), z.unknown()),
    explain: z.array(z.string()).describe('the path from the subject to the access, one step a line'),
    state: FindingStateSummarySchema,
  })
  .meta({ id: 'Finding' });

export const FindingsPageSchema = z
  .strictObject({
    asOf: InstantSchema.nullable().describe('when the latest successful audit ran; null before the first one'),
    policyVersion: z.string().nullable(),
    auditRunId: z.string().nullable(),
    total: z
      .int()
      .min(0)
      .nullable()
      .describe(
        "how many findings match the filters: without a filter, the run's own count (kept with the run); with filters, counted only when asked (total=true), else null",
      ),
    limit: z.int().min(1),
    offset: z.int().min(0).describe('deprecated: 0 unless offset was given'),
    nextCursor: z.string().nullable().describe('pass it as `cursor` for the next page (same audit run, same order); null on the last page'),
    findings: z.array(FindingSchema),
  })
  .meta({ id: 'FindingsPage' });

export type FindingsPageResponse = z.infer<typeof FindingsPageSchema>;
type FindingResponse = z.infer<typeof FindingSchema>;

export const FindingDetailSchema = z
  .strictObject({
    asOf: InstantSchema.describe('when the audit run the finding comes from ran (the latest successful one)'),
    policyVersion: z.string().nullable(),
    finding: FindingSchema,
    directoryKind: z
      .enum(['ad', 'openldap'])
      .nullable()
      // null among the values, as OpenAPI 3.0 validators require of a nullable enum (zod writes `nullable` alone).
      .meta({ enum: ['ad', 'openldap', null] })
      .describe("the kind of the finding's directory: its steps come first; null for an LDIF export or no directory"),
    remediation: z
      .strictObject({
        lang: z.enum(REMEDIATION_LANGS),
        why: z.string().describe('why it matters'),
        fix: z.strictObject({
          ad: z.string().describe('Active Directory steps (ADUC or PowerShell)'),
          openldap: z.string().describe('OpenLDAP steps (ldapmodify)'),
        }),
      })
      .nullable()
      .describe('why the finding matters and how to fix it, in `lang`; null for a rule without texts'),
  })
  .meta({ id: 'FindingDetail' });

export type FindingDetailResponse = z.infer<typeof FindingDetailSchema>;

export function toFindingDetailResponse(shown: UseCaseOutput<'show-finding'>): FindingDetailResponse {
  return { ...shown, finding: toFindingResponse(shown.finding) };
}

export const FindingStateSchema = z
  .strictObject({
    id: z.string(),
    rule: z.string(),
    severity: z.string(),
    directory: z.string().nullable(),
    login: z.string().nullable(),
    status: FindingStatusSchema,
    firstSeenAt: InstantSchema,
    lastSeenAt: InstantSchema,
    resolvedAt: InstantSchema.nullable(),
    reopenedCount: z.int().min(0),
    decidedBy: z.string().nullable(),
    decidedAt: InstantSchema.nullable(),
    reason: z.string().nullable(),
    acceptedUntil: InstantSchema.nullable(),
  })
  .meta({ id: 'FindingState' });

export type FindingStateResponse = z.infer<typeof FindingStateSchema>;

export function toFindingsPageResponse(page: FindingsPage): FindingsPageResponse {
  return {
    asOf: page.asOf,
    policyVersion: page.policyVersion,
    auditRunId: page.auditRunId,
    total: page.total,
    limit: page.limit,
    offset: page.offset,
    nextCursor: page.nextCursor,
    findings: page.findings.map(toFindingResponse),
  };
}

export function toFindingResponse({ state, ...finding }: FindingWithState): FindingResponse {
  return {
    ...finding,
    state: {
      status: state.status,
      firstSeenAt: toInstant(state.firstSeenAt),
      lastSeenAt: toInstant(state.lastSeenAt),
      reopenedCount: state.reopenedCount,
      decidedBy: state.decidedBy,
      decidedAt: toInstantOrNull(state.decidedAt),
      reason: state.reason,
      acceptedUntil: toInstantOrNull(state.acceptedUntil),
    },
  };
}

export function toFindingStateResponse(s: FindingState): FindingStateResponse {
  return {
    id: s.id,
    rule: s.rule,
    severity: s.severity,
    directory: s.directory,
    login: s.login,
    status: s.status,
    firstSeenAt: toInstant(s.firstSeenAt),
    lastSeenAt: toInstant(s.lastSeenAt),
    resolvedAt: toInstantOrNull(s.resolvedAt),
    reopenedCount: s.reopenedCount,
    decidedBy: s.decidedBy,
    decidedAt: toInstantOrNull(s.decidedAt),
    reason: s.reason,
    acceptedUntil: toInstantOrNull(s.acceptedUntil),
  };
}

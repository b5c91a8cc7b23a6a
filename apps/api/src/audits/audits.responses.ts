import * as z from 'zod';
import { InstantSchema } from '../openapi/instant.schema.js';

const count = z.int().min(0);

export const AuditRunSummarySchema = z
  .strictObject({
    runId: z.string(),
    asOf: InstantSchema,
    policyVersion: z.string(),
    durationMs: z.number().min(0),
    counts: z.record(z.string(), count).describe('total, unresolvedGroupRefs, severity:<severity> and rule:<rule id> counts'),
    changes: z.strictObject({ new: count, reopened: count, resolved: count, open: count }).describe('what changed since the previous run'),
    alerts: z
      .strictObject({
        findings: count.describe('new or returning findings at or above the alert severity'),
        sent: z.array(z.string()).describe('channels that delivered the alert'),
        failed: z.array(z.strictObject({ channel: z.string(), reason: z.string() })),
      })
      .describe('what the run alerted on'),
  })
  .meta({ id: 'AuditRunSummary' });

export type AuditRunSummaryResponse = z.infer<typeof AuditRunSummarySchema>;

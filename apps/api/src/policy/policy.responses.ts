import * as z from 'zod';
import type { UseCaseOutput } from '#vigie/application';
import { InstantSchema } from '../openapi/instant.schema.js';

const PolicyIssueSchema = z.strictObject({ file: z.string(), line: z.int(), column: z.int(), path: z.string(), message: z.string() });

export const PolicyInForceSchema = z
  .strictObject({
    local: z
      .union([z.strictObject({ valid: z.literal(true), version: z.string() }), z.strictObject({ valid: z.literal(false), problems: z.int().min(0) })])
      .describe('the policy directory as it is now: its version (SHA-256 of its files), or how many problems make it invalid'),
    lastValid: z
      .strictObject({
        version: z.string(),
        firstStoredAt: InstantSchema,
        lastValidAt: InstantSchema,
        files: z.array(z.strictObject({ path: z.string(), bytes: z.int().min(0) })),
      })
      .nullable()
      .describe('the last valid version stored for the service: the one audits use'),
    lastFailure: z
      .strictObject({
        at: InstantSchema,
        message: z.string(),
        errors: z.array(PolicyIssueSchema),
        fallbackVersion: z.string().nullable().describe('the version audits used instead'),
      })
      .nullable(),
  })
  .meta({ id: 'PolicyInForce' });

export type PolicyInForceResponse = z.infer<typeof PolicyInForceSchema>;

export const toPolicyInForce = (p: UseCaseOutput<'show-policy'>): PolicyInForceResponse => ({
  local: p.local,
  lastValid: p.lastValid && {
    ...p.lastValid,
    firstStoredAt: p.lastValid.firstStoredAt.toISOString(),
    lastValidAt: p.lastValid.lastValidAt.toISOString(),
  },
  lastFailure: p.lastFailure && { ...p.lastFailure, at: p.lastFailure.at.toISOString() },
});

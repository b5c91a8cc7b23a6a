import * as z from 'zod';
import type { AuditProgress } from '#vigie/audit';
import { isoInstant } from '../shared/input-schemas.js';

export const runAuditInput = z
  .object({
    /** The moment the audit judges ("inactive for 90 days" counts back from it); now by default. */
    asOf: isoInstant.optional(),
    /** Told as the run goes from step to step (the command line's progress bar or lines). */
    onProgress: z.custom<(progress: AuditProgress) => void>((v) => typeof v === 'function').optional(),
  })
  .strict();

/** The request body of POST /api/audits, as the OpenAPI document shows it (JSON has no dates: asOf is text). */
export const runAuditBody = z
  .object({
    asOf: z
      .string()
      .optional()
      .describe('The moment the audit judges, for an audit of a past day: YYYY-MM-DD (00:00 UTC) or an ISO 8601 instant; now when absent'),
  })
  .strict();

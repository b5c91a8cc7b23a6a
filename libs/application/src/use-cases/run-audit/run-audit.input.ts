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

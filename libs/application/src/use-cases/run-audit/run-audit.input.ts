import * as z from 'zod';
import { isoInstant } from '../shared/input-schemas.js';

export const runAuditInput = z
  .object({
    /** The moment the audit judges ("inactive for 90 days" counts back from it); now by default. */
    asOf: isoInstant.optional(),
  })
  .strict();

import * as z from 'zod';
import type { AuditProgress } from '#vigie/audit';
import { isoInstant } from '../shared/input-schemas.js';

export const auditLdifExportInput = z
  .object({
    /** An ldifde or slapcat export. */
    file: z.string().min(1, 'give the path of an LDIF export (ldifde or slapcat)'),
    /** The policy directory. */
    policies: z.string().min(1),
    /** An HR roster (CSV or JSON), for G-LEAVER, G-ORPHAN and G-MOVER. */
    hr: z.string().min(1).optional(),
    /** How the roster names its columns (hr.columns and hr.ignoreColumns of the configuration). */
    hrColumns: z.record(z.string(), z.string().min(1)).optional(),
    hrIgnoreColumns: z.array(z.string().min(1)).optional(),
    /** The moment the audit judges; now by default. */
    asOf: isoInstant.optional(),
    /** Told as the audit goes from step to step (the command line's progress bar or lines). */
    onProgress: z.custom<(progress: AuditProgress) => void>((v) => typeof v === 'function').optional(),
  })
  .strict();

import * as z from 'zod';
import type { AuditProgress } from '#vigie/audit';

export const auditLdifExportInput = z
  .object({
    /** An ldifde or slapcat export. */
    file: z.string().min(1, 'give the path of an LDIF export (ldifde or slapcat)'),
    /** The policy directory. */
    policies: z.string().min(1),
    /** An HR roster (CSV or JSON), for G-LEAVER, G-ORPHAN and G-MOVER. */
    hr: z.string().min(1).optional(),
    asOf: z.date().optional(),
    /** Told as the audit goes from step to step (the command line's progress bar or lines). */
    onProgress: z.custom<(progress: AuditProgress) => void>((v) => typeof v === 'function').optional(),
  })
  .strict();

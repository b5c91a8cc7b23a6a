import { basename, extname } from 'node:path';
import { DirectoryReader } from '#vigie/directory';
import type { HrRoster } from '#vigie/hr';
import { collectSnapshot } from '#vigie/identity';
import type { Policy } from '#vigie/policy';
import { type AuditOutcome, evaluate } from './audit-engine.js';
import type { AuditProgressListener } from './audit-progress.js';

/**
 * Audits an LDIF export (ldifde, slapcat) with no server and no database: what a consultant runs
 * on a customer's export. Nothing is stored.
 */
export async function auditLdifExport(
  reader: DirectoryReader,
  file: string,
  policy: Policy,
  asOf: Date,
  hr: HrRoster | null,
  onProgress?: AuditProgressListener,
): Promise<AuditOutcome> {
  const name =
    basename(file, extname(file))
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'export';
  onProgress?.({ step: 'loading', what: 'snapshots' });
  const { data } = await collectSnapshot(name, reader.read({ kind: 'ldif', name, file }), { origin: file });
  return evaluate([{ directory: name, syncRunId: null, syncedAt: null, ...data }], policy, asOf, { hr, onProgress });
}

import { basename, extname } from 'node:path';
import { DirectoryReader } from '#vigie/directory';
import type { HrRoster } from '#vigie/hr';
import { type DirectorySnapshot, collectSnapshot } from '#vigie/identity';
import type { Policy } from '#vigie/policy';
import { type AuditOutcome, evaluate } from './audit-engine.js';
import type { AuditProgressListener } from './audit-progress.js';

/**
 * Audits an LDIF export (ldifde, slapcat) with no server and no database: what a consultant runs
 * on a customer's export. Nothing is stored. The policy may be loaded once the export is read, to be checked
 * against it (its group names), as `vigie policy validate --directory export.ldif` checks it.
 */
export async function auditLdifExport(
  reader: DirectoryReader,
  file: string,
  policy: Policy | ((snapshot: DirectorySnapshot) => Promise<Policy>),
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
  const snapshot: DirectorySnapshot = { directory: name, syncRunId: null, syncedAt: null, ...data };
  if (typeof policy === 'function') onProgress?.({ step: 'loading', what: 'policy' });
  return evaluate([snapshot], typeof policy === 'function' ? await policy(snapshot) : policy, asOf, { hr, onProgress });
}

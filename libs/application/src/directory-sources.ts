import { VigieError } from '#vigie/common';
import type { DirectoryConfig } from '#vigie/config';
import type { DirectorySource } from '#vigie/directory';

/** Maps the configuration of a directory to what the directory library reads. */
export function toDirectorySource(d: DirectoryConfig): DirectorySource {
  if (d.kind === 'ldif') return { kind: 'ldif', name: d.name, file: d.file };
  return {
    kind: d.kind,
    name: d.name,
    url: d.url,
    baseDn: d.baseDn,
    bindDn: d.bindDn,
    bindPassword: d.bindPassword,
    startTls: d.startTls,
    caFile: d.caFile,
    pageSize: d.pageSize,
    timeoutMs: d.timeoutMs,
    ...(d.passwordPolicyDn ? { passwordPolicyDn: d.passwordPolicyDn } : {}),
  };
}

/** A directory named that the configuration lacks (not found), or no directory configured at all (configuration). */
export class UnknownDirectoryError extends VigieError {
  constructor(name: string, known: string[]) {
    super(
      known.length ? 'not-found' : 'configuration',
      known.length
        ? `no directory named "${name}" in the configuration; configured: ${known.join(', ')}`
        : `no directory is configured: add one under "directories" in vigie.yaml, or set VIGIE_LDAP_URL (or VIGIE_LDIF_FILE)`,
    );
  }
}

/** How a directory is synchronised, beyond how it is reached. */
export function syncSettingsFor(all: DirectoryConfig[], name: string): { reconcileIntervalMs?: number } {
  const found = all.find((d) => d.name === name);
  return found && found.kind !== 'ldif' ? { reconcileIntervalMs: found.reconcileIntervalMinutes * 60_000 } : {};
}

/** The configured directories, or only the named one. */
export function selectDirectories(all: DirectoryConfig[], name?: string): DirectorySource[] {
  if (!all.length) throw new UnknownDirectoryError(name ?? '', []);
  if (!name) return all.map(toDirectorySource);
  const found = all.find((d) => d.name === name);
  if (!found)
    throw new UnknownDirectoryError(
      name,
      all.map((d) => d.name),
    );
  return [toDirectorySource(found)];
}

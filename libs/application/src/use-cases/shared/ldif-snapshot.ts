import { basename, extname } from 'node:path';
import { LdifEntryReader } from '#vigie/directory';
import { collectSnapshot, type DirectorySnapshot } from '#vigie/identity';

/**
 * The snapshot of a directory read straight from an LDIF export, with no database, built as a sync builds it. Named
 * after the file (`exports/corp-ad.ldif` -> `corp-ad`), as the offline audit names it, so finding ids agree.
 */
export async function snapshotFromLdif(file: string, name = directoryNameOf(file)): Promise<DirectorySnapshot> {
  const { data } = await collectSnapshot(name, new LdifEntryReader().read({ kind: 'ldif', name, file }), { origin: file });
  return { directory: name, syncRunId: null, syncedAt: null, ...data };
}

function directoryNameOf(file: string): string {
  return (
    basename(file, extname(file))
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'export'
  );
}

import type { DirectoryEntry } from '#vigie/directory';
import type { SnapshotData } from './snapshot.model.js';
import { type SyncStats, emptyStats } from './sync-run.model.js';
import { SnapshotBuilder } from './sync/snapshot-builder.js';

/**
 * Reads a directory's entries into the synchronised model, without storing anything: what the
 * offline audit of an LDIF export works on. The sync builds the same snapshot and compares it with
 * the stored one. `origin` (the LDIF file) is named in the errors of a read that cannot be trusted.
 */
export async function collectSnapshot(
  directory: string,
  entries: AsyncIterable<DirectoryEntry>,
  options: { origin?: string; onProgress?: (p: { entries: number }) => void } = {},
): Promise<{ data: SnapshotData; stats: SyncStats }> {
  const { origin, onProgress } = options;
  const reading = new SnapshotBuilder(directory, origin);
  for await (const entry of entries) {
    reading.add(entry);
    if (onProgress && reading.entries % 1000 === 0) onProgress({ entries: reading.entries });
  }
  onProgress?.({ entries: reading.entries });
  const { members, unresolved } = reading.resolveMembers();
  const memberships = [...members].flatMap(([groupDnNorm, list]) => list.map((memberDnNorm) => ({ groupDnNorm, memberDnNorm })));
  const stats: SyncStats = {
    ...emptyStats(),
    entries: reading.entries,
    skipped: reading.skipped,
    accounts: reading.accounts.length,
    groups: reading.groups.length,
    objects: reading.objects.length,
    memberships: memberships.length,
    unresolvedMembers: unresolved,
  };
  return { data: { accounts: reading.accounts, groups: reading.groups, objects: reading.objects, memberships }, stats };
}

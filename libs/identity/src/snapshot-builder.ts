import type { DirectoryEntry } from '#vigie/directory';
import type { SnapshotData } from './snapshot.model.js';
import { type SyncStats, emptyStats } from './sync-run.model.js';
import { PictureBuilder } from './sync/picture.js';

/**
 * Reads a directory's entries into the synchronised model, without storing anything: what the
 * offline audit of an LDIF export works on. The sync builds the same picture and compares it with
 * the stored one.
 */
export async function collectSnapshot(
  directory: string,
  entries: AsyncIterable<DirectoryEntry>,
  onProgress?: (p: { entries: number }) => void,
): Promise<{ data: SnapshotData; stats: SyncStats }> {
  const picture = new PictureBuilder(directory);
  for await (const entry of entries) {
    picture.add(entry);
    if (onProgress && picture.entries % 1000 === 0) onProgress({ entries: picture.entries });
  }
  onProgress?.({ entries: picture.entries });
  const { members, unresolved } = picture.resolveMembers();
  const memberships = [...members].flatMap(([groupDnNorm, list]) => list.map((memberDnNorm) => ({ groupDnNorm, memberDnNorm })));
  const stats: SyncStats = {
    ...emptyStats(),
    entries: picture.entries,
    skipped: picture.skipped,
    accounts: picture.accounts.length,
    groups: picture.groups.length,
    objects: picture.objects.length,
    memberships: memberships.length,
    unresolvedMembers: unresolved,
  };
  return { data: { accounts: picture.accounts, groups: picture.groups, objects: picture.objects, memberships }, stats };
}

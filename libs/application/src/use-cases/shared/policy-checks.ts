import { GroupReferenceResolver } from '#vigie/access';
import type { HrRoster } from '#vigie/hr';
import type { DirectorySnapshot } from '#vigie/identity';
import type { LoadPolicyOptions } from '#vigie/policy';
import { directoryFactsOf } from './directory-facts.js';

/**
 * What a policy is checked against besides its own files: every group name it uses must name a group of these
 * snapshots (an error), and its conditions and inventory are compared with their accounts (warnings). The one
 * definition for `vigie policy validate` and for the audit, so that an audit refuses what validate refuses.
 */
export function policyChecksAgainst(
  snapshots: readonly DirectorySnapshot[],
  options: { label?: string; roster?: HrRoster | null; warnings?: boolean } = {},
): LoadPolicyOptions {
  const label = options.label ?? directoriesLabel(snapshots);
  // The resolver the audit uses: names, DNs, SIDs and well-known principals (Everyone...) mean the same to both.
  const knownGroups = GroupReferenceResolver.ofSnapshots(snapshots, { label });
  if (options.warnings === false) return { knownGroups };
  return { knownGroups, directoryFacts: directoryFactsOf(snapshots, label, options.roster ?? null) };
}

/** "directory corp" or "directories corp, branch": how messages name the snapshots checked against. */
export function directoriesLabel(snapshots: readonly DirectorySnapshot[]): string {
  const names = snapshots.map((s) => s.directory).join(', ');
  return `${snapshots.length > 1 ? 'directories' : 'directory'} ${names}`;
}

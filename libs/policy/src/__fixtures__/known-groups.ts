import type { KnownGroups } from '../policy-references.js';

/**
 * A stand-in for the directory resolver of libs/access, which the policy library must not import: it knows exactly
 * the references given (without case), and says so in the resolver's words for the rest.
 */
export function knownGroupsNamed(groups: readonly string[], where = 'directory corp'): KnownGroups & { asked: string[] } {
  const known = new Set(groups.map((group) => group.toLowerCase()));
  const asked: string[] = [];
  return {
    asked,
    unknownReason(group) {
      asked.push(group);
      return known.has(group.toLowerCase()) ? undefined : `no group of ${where} has this name or DN (check the spelling, or sync the directory first)`;
    },
  };
}

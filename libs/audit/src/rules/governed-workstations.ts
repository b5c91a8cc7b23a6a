import { normalizeDn } from '#vigie/directory';
import type { AccountRecord, GroupRecord } from '#vigie/identity';
import type { ResourceDef } from '#vigie/policy';
import type { DirectoryView } from '../audit-context.js';

/** The workstation resources of a policy: the ones that govern computers. */
export const isWorkstationResource = (r: ResourceDef) => r.type === 'workstation' || r.type === 'workstation-group';

/** The group references the policy's workstation resources select computers by: watched by the audit, like privileged groups. */
export function computerGroupRefs(resources: readonly ResourceDef[]): string[] {
  return resources.filter(isWorkstationResource).flatMap((r) => r.computers?.groups ?? []);
}

/**
 * Which workstation resource of the policy governs a computer of one directory: one whose `computers` selector takes
 * it (below one of its OUs, in one of its groups at any depth, or matching one of its host patterns), or, for a
 * resource without a selector, whose name is a host pattern the computer matches. Undefined: no resource governs it.
 */
export function governingResource(view: DirectoryView, resources: readonly ResourceDef[]): (computer: AccountRecord) => ResourceDef | undefined {
  const matchers = resources.filter(isWorkstationResource).map((resource) => ({ resource, matches: selectorOf(view, resource) }));
  return (computer) => matchers.find(({ matches }) => matches(computer))?.resource;
}

function selectorOf(view: DirectoryView, resource: ResourceDef): (computer: AccountRecord) => boolean {
  const selector = resource.computers ?? { names: [resource.name] };
  const ous = (selector.ous ?? []).map((dn) => `,${normalizeDn(dn)}`);
  const patterns = (selector.names ?? []).map(hostPattern);
  const groups: GroupRecord[] = (selector.groups ?? []).flatMap((ref) => view.access.memberships.resolveGroup(ref));
  const inGroups = groups.length ? view.access.memberships.reachedAmong(groups) : () => [];
  return (computer) => {
    if (ous.some((suffix) => computer.dnNorm.endsWith(suffix))) return true;
    const host = hostName(computer);
    const fqdn = computer.dnsHostName ?? '';
    if (patterns.some((p) => (host && p.test(host)) || (fqdn && p.test(fqdn)))) return true;
    return inGroups(computer).length > 0;
  };
}

/** A computer's host name: its sAMAccountName without the trailing $. */
export function hostName(computer: AccountRecord): string {
  return (computer.login ?? '').replace(/\$$/, '');
}

/** A host pattern (`PC-*`, `LYO-??-*`) as a case-insensitive regular expression. */
function hostPattern(pattern: string): RegExp {
  const body = pattern
    .trim()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

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
 * A company declares thousands of resources and as many computers as people: OUs and plain host names are looked up,
 * only patterns with wildcards are tried one by one.
 */
export function governingResource(view: DirectoryView, resources: readonly ResourceDef[]): (computer: AccountRecord) => ResourceDef | undefined {
  const byOu = new Map<string, ResourceDef>();
  const byHost = new Map<string, ResourceDef>();
  const wildcards: Array<{ pattern: RegExp; resource: ResourceDef }> = [];
  const byGroup = new Map<GroupRecord, ResourceDef>();
  for (const resource of resources.filter(isWorkstationResource)) {
    const selector = resource.computers ?? { names: [resource.name] };
    for (const ou of selector.ous ?? []) byOu.set(normalizeDn(ou), resource);
    for (const name of selector.names ?? []) {
      if (/[*?]/.test(name)) wildcards.push({ pattern: hostPattern(name), resource });
      else byHost.set(name.trim().toLowerCase(), resource);
    }
    for (const ref of selector.groups ?? []) for (const group of view.access.memberships.resolveGroup(ref)) byGroup.set(group, resource);
  }
  const groupsOf = byGroup.size ? view.access.memberships.reachedAmong([...byGroup.keys()]) : () => [];
  return (computer) => {
    const host = hostName(computer);
    const fqdn = computer.dnsHostName ?? '';
    return (
      aboveOus(computer.dnNorm, byOu) ??
      byHost.get(host.toLowerCase()) ??
      (fqdn ? byHost.get(fqdn.toLowerCase()) : undefined) ??
      wildcards.find(({ pattern }) => (host && pattern.test(host)) || (fqdn && pattern.test(fqdn)))?.resource ??
      groupsOf(computer).map((g) => byGroup.get(g))[0]
    );
  };
}

/** The resource declaring an OU the entry lies below, at any depth: each ancestor of its normalized DN looked up. */
function aboveOus(dnNorm: string, byOu: ReadonlyMap<string, ResourceDef>): ResourceDef | undefined {
  if (!byOu.size) return undefined;
  for (let at = dnNorm.indexOf(','); at >= 0; at = dnNorm.indexOf(',', at + 1)) {
    if (dnNorm[at - 1] === '\\') continue; // an escaped comma inside a value
    const found = byOu.get(dnNorm.slice(at + 1));
    if (found) return found;
  }
  return undefined;
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

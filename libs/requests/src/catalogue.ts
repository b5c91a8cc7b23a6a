import type { ResourceDef } from '#vigie/policy';
import type { CatalogueEntry, RequestedResource } from './access-request.model.js';
import { approvalChainFor } from './approval-chain.js';
import type { Criticality, RequestSettings } from './request-settings.js';

/** The level asked for when joining a requestable group of the settings. */
export const GROUP_LEVEL = 'member';
const GROUP_PREFIX = 'group:';

/** One thing the policy lets people ask for: a resource at one level, or a requestable group, with its granting groups. */
export interface RequestableItem {
  resource: RequestedResource;
  level: string;
  meaning: string;
  /** The groups that give it, as the policy names them, in written order: the first found in the beneficiary's directory is the target. */
  groups: string[];
  /** The policy's resource, which the access rules judge; null for a requestable group (no access rule is about it). */
  policyResource: ResourceDef | null;
}

/**
 * Everything one may ask for: each requestable resource (`requestable`, else any resource that grants a level to a
 * group) at each level it grants, then the settings' requestable groups (`group:<group>`, level `member`).
 * `privileged` says whether granting groups are privileged in the beneficiary's directory (the chain then ends with
 * the security officer whatever the criticality).
 */
export function requestableItems(
  resources: readonly ResourceDef[],
  settings: Pick<RequestSettings, 'groups'>,
  privileged: (groups: readonly string[]) => boolean,
): RequestableItem[] {
  const items: RequestableItem[] = [];
  for (const def of resources) {
    const levels = Object.entries(def.grants).filter(([, groups]) => groups?.length) as Array<[string, string[]]>;
    if (!(def.requestable ?? levels.length > 0)) continue;
    for (const [level, groups] of levels) {
      const resource: RequestedResource = {
        id: def.id,
        name: def.name,
        type: def.type,
        criticality: def.criticality ?? 'medium',
        privileged: privileged(groups),
        owner: def.owner ?? null,
      };
      items.push({ resource, level, meaning: meaningOf(def.type, def.name, level), groups: [...groups], policyResource: def });
    }
  }
  for (const group of settings.groups) {
    const resource: RequestedResource = {
      id: `${GROUP_PREFIX}${group.group}`,
      name: group.group,
      type: 'group',
      criticality: group.criticality ?? 'medium',
      privileged: privileged([group.group]),
      owner: group.owner ?? null,
    };
    items.push({ resource, level: GROUP_LEVEL, meaning: group.description, groups: [group.group], policyResource: null });
  }
  return items;
}

/** What a level gives, in plain words. */
export function meaningOf(type: string, name: string, level: string): string {
  const machines = type === 'workstation' || type === 'workstation-group';
  if (level === 'local-admin') return `administer the computers of ${name} (member of their local Administrators group)`;
  if (type === 'printer')
    return level === 'read' ? `see the print queue ${name}` : level === 'write' ? `print on ${name}` : `manage the printer ${name} and its queue`;
  if (machines) return level === 'admin' ? `administer ${name}` : `${level} access to ${name}`;
  if (level === 'read') return `read the files of ${name}`;
  if (level === 'write') return `read, create and change the files of ${name}`;
  if (level === 'admin') return `administer ${name}, its permissions included`;
  return `${level} access to ${name}`;
}

/** How long one may be granted it: the longest grant, the length asked by default, and whether permanent may be asked. */
export function durationLimits(criticality: Criticality, settings: RequestSettings): Pick<CatalogueEntry, 'maxDays' | 'defaultDays' | 'permanentAllowed'> {
  const maxDays = settings.maxDays[criticality];
  return { maxDays, defaultDays: Math.min(settings.defaultDays, maxDays), permanentAllowed: settings.permanentAllowed.includes(criticality) };
}

/** What is known of one item for one beneficiary. */
export interface BeneficiaryFacts {
  /** The access rules' decision for the beneficiary, and the rule (or its absence) that made it. */
  policy: { allowed: boolean; reason: string };
  alreadyHeld: boolean;
  openRequest: string | null;
}

export function catalogueEntry(item: RequestableItem, settings: RequestSettings, facts: BeneficiaryFacts): CatalogueEntry {
  const exception = !facts.policy.allowed && settings.exceptions === 'security-officer';
  return {
    resource: item.resource,
    level: item.level,
    meaning: item.meaning,
    allowedByPolicy: facts.policy.allowed,
    policyReason: facts.policy.reason,
    exception,
    chain: approvalChainFor(item.resource, settings, exception),
    ...durationLimits(item.resource.criticality, settings),
    alreadyHeld: facts.alreadyHeld,
    openRequest: facts.openRequest,
  };
}

import type { Policy } from './policy.types.js';
import type { PolicyIssue } from './policy-validation.error.js';

/** A directory group named by the policy, and where (line and column 0 when the policy was built in memory). */
export interface GroupReference {
  group: string;
  file: string;
  path: string;
  line: number;
  column: number;
}

/** Every group the policy names: resource grants, SoD entitlements, privileged and everyone-like groups. */
export function groupReferences(policy: Policy): GroupReference[] {
  const references: GroupReference[] = [];
  const add = (group: string, file: string, path: string) => {
    const { line, column } = policy.positions?.[`${file}#${path}`] ?? { line: 0, column: 0 };
    references.push({ group, file, path, line, column });
  };
  for (const resource of policy.resources) {
    for (const [level, groups] of Object.entries(resource.grants)) {
      groups?.forEach((group, index) => add(group, resource.source.file, `resources[${resource.source.index}].grants.${level}[${index}]`));
    }
  }
  for (const rule of policy.sodRules) {
    rule.entitlements.forEach((entitlement, index) => {
      if ('group' in entitlement) add(entitlement.group, rule.source.file, `rules[${rule.source.index}].entitlements[${index}].group`);
    });
  }
  const settingsFile = policy.settings.source?.file ?? '';
  for (const list of ['privilegedGroups', 'everyoneGroups'] as const) {
    policy.settings[list].forEach((group, index) => add(group, settingsFile, `${list}[${index}]`));
  }
  return references;
}

export const unknownGroupMessage = (group: string, where: string) =>
  `unknown group "${group}": no group of ${where} has this name or DN (check the spelling, or sync the directory first)`;

/** The unknown group references as policy issues, worded for `vigie policy validate`. */
export function unknownGroupIssues(references: readonly GroupReference[], where: string): PolicyIssue[] {
  return references.map(({ group, file, path, line, column }) => ({
    file,
    line,
    column,
    path,
    message: unknownGroupMessage(group, where),
  }));
}

/**
 * The group references no directory knows, checked once a snapshot exists (the loader cannot reach the directory).
 * Names and DNs compare case-insensitively, as AD and OpenLDAP's usual matching rules do.
 */
export function unknownGroupReferences(policy: Policy, knownGroupNamesOrDns: Set<string>): GroupReference[] {
  const known = new Set([...knownGroupNamesOrDns].map(normaliseGroupReference));
  return groupReferences(policy).filter(({ group }) => !known.has(normaliseGroupReference(group)));
}

/** Lower case, without the optional spaces around a DN's separators (`CN=A, OU=B` is `cn=a,ou=b`). */
export function normaliseGroupReference(nameOrDn: string): string {
  return nameOrDn.trim().replace(/\s*(?<!\\)([,=+])\s*/g, '$1').toLowerCase();
}

/** Rule ids in the settings that the audit catalogue does not know (a typo would silently override nothing). */
export function unknownRuleIds(policy: Policy, knownRuleIds: ReadonlySet<string>): string[] {
  return Object.keys(policy.settings.rules).filter((id) => !knownRuleIds.has(id));
}

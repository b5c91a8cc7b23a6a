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

/**
 * Every group the policy names: resource grants, the groups of computers workstation resources govern, SoD
 * entitlements, record recipients, temporary grants, privileged and everyone-like groups, requestable groups.
 */
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
    resource.computers?.groups?.forEach((group, index) => add(group, resource.source.file, `resources[${resource.source.index}].computers.groups[${index}]`));
  }
  for (const rule of policy.sodRules) {
    rule.entitlements.forEach((entitlement, index) => {
      if ('group' in entitlement) add(entitlement.group, rule.source.file, `rules[${rule.source.index}].entitlements[${index}].group`);
    });
  }
  for (const record of policy.records ?? []) {
    record.recipients.forEach((group, index) => add(group, record.source.file, `records[${record.source.index}].recipients[${index}]`));
  }
  for (const grant of policy.grants ?? []) {
    if (grant.to.group) add(grant.to.group, grant.source.file, `grants[${grant.source.index}].to.group`);
  }
  const settingsFile = policy.settings.source?.file ?? '';
  for (const list of ['privilegedGroups', 'everyoneGroups'] as const) {
    policy.settings[list].forEach((group, index) => add(group, settingsFile, `${list}[${index}]`));
  }
  policy.settings.requests?.groups?.forEach(({ group }, index) => add(group, settingsFile, `requests.groups[${index}].group`));
  return references;
}

/**
 * What `vigie policy validate` and `simulate` learn from the directories about the groups a policy names. The answer
 * comes from the caller (libs/access resolves references by name, DN, SID or well-known name against the
 * snapshots): this library reaches no directory.
 */
export interface KnownGroups {
  /** Why no directory knows this reference, in words for the policy's author; undefined when one does. */
  unknownReason(group: string): string | undefined;
}

export interface UnknownGroupReference extends GroupReference {
  reason: string;
}

export const unknownGroupMessage = (group: string, reason: string) => `unknown group "${group}": ${reason}`;

/** The unknown group references as policy issues, worded for `vigie policy validate`. */
export function unknownGroupIssues(references: readonly UnknownGroupReference[]): PolicyIssue[] {
  return references.map(({ group, file, path, line, column, reason }) => ({
    file,
    line,
    column,
    path,
    message: unknownGroupMessage(group, reason),
  }));
}

/** The group references no directory knows, checked once a snapshot exists (the loader cannot reach the directory). */
export function unknownGroupReferences(policy: Policy, known: KnownGroups): UnknownGroupReference[] {
  return groupReferences(policy).flatMap((reference) => {
    const reason = known.unknownReason(reference.group);
    return reason === undefined ? [] : [{ ...reference, reason }];
  });
}

/** Rule ids in the settings that the audit catalogue does not know (a typo would silently override nothing). */
export function unknownRuleIds(policy: Policy, knownRuleIds: ReadonlySet<string>): string[] {
  return Object.keys(policy.settings.rules).filter((id) => !knownRuleIds.has(id));
}

import type { Policy } from './policy.types.js';

/** A directory group named by the policy, and where. */
export interface GroupReference {
  group: string;
  file: string;
  path: string;
}

/** Every group the policy names: resource grants, record recipients, privileged and everyone-like groups. */
export function groupReferences(policy: Policy): GroupReference[] {
  const references: GroupReference[] = [];
  for (const resource of policy.resources) {
    for (const [level, groups] of Object.entries(resource.grants)) {
      groups?.forEach((group, index) =>
        references.push({ group, file: resource.source.file, path: `resources[${resource.source.index}].grants.${level}[${index}]` }),
      );
    }
  }
  for (const record of policy.records ?? []) {
    record.recipients.forEach((group, index) =>
      references.push({ group, file: record.source.file, path: `records[${record.source.index}].recipients[${index}]` }),
    );
  }
  const settingsFile = policy.settings.source?.file ?? '';
  for (const list of ['privilegedGroups', 'everyoneGroups'] as const) {
    policy.settings[list].forEach((group, index) => references.push({ group, file: settingsFile, path: `${list}[${index}]` }));
  }
  return references;
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

import type { z } from 'zod';
import type { Policy, PolicySettings, ServiceAccountDef } from '../policy.types.js';
import { computePolicyVersion, type VersionedFile } from '../policy-version.js';
import type { accessRuleListSchema } from '../schema/access-rule-list.schema.js';
import type { externalPersonListSchema } from '../schema/external-person-list.schema.js';
import type { grantListSchema } from '../schema/grant-list.schema.js';
import type { processingRecordListSchema } from '../schema/processing-record-list.schema.js';
import type { resourceListSchema } from '../schema/resource-list.schema.js';
import { RETENTION_DEFAULTS, REVIEW_INTERVAL_DEFAULTS, type settingsSchema } from '../schema/settings.schema.js';
import type { sodRuleListSchema } from '../schema/sod-rule-list.schema.js';
import type { ParsedDocument } from './policy-document-parser.js';
import type { PathSegment } from './yaml-locator.js';
import { formatPath } from './zod-issue-messages.js';

/** The settings of a policy without a Settings file: the catalogue's defaults, no company groups. */
export function defaultSettings(): PolicySettings {
  return {
    rules: {},
    privilegedGroups: [],
    serviceAccounts: [],
    serviceAccountInventory: [],
    everyoneGroups: [],
    protectedAccounts: [],
    retention: { ...RETENTION_DEFAULTS },
    reviewIntervals: { ...REVIEW_INTERVAL_DEFAULTS },
  };
}

/**
 * Joins the documents into one Policy once every one of them validated (so `data` is set); every definition keeps
 * where it was written.
 */
export function assemblePolicy(dir: string, files: readonly VersionedFile[], documents: readonly ParsedDocument[]): Policy {
  const positions: Record<string, { line: number; column: number }> = {};
  const policy: Policy = {
    version: computePolicyVersion(files),
    dir,
    files: files.map(({ path }) => path),
    resources: [],
    accessRules: [],
    sodRules: [],
    records: [],
    grants: [],
    externals: [],
    settings: defaultSettings(),
    positions,
  };
  for (const { file, kind, data, locator } of documents) {
    const at = (list: string, index: number) => ({ file: file.path, index, line: locator.locate([list, index]).line });
    const remember = (path: PathSegment[]) => (positions[`${file.path}#${formatPath(path)}`] = locator.locate(path));
    switch (kind.kind) {
      case 'ResourceList':
        (data as z.output<typeof resourceListSchema>).resources.forEach((resource, index) => {
          policy.resources.push({ ...resource, source: at('resources', index) });
          for (const [level, groups] of Object.entries(resource.grants)) {
            groups?.forEach((_group, position) => remember(['resources', index, 'grants', level, position]));
          }
          resource.computers?.groups?.forEach((_group, position) => remember(['resources', index, 'computers', 'groups', position]));
        });
        break;
      case 'AccessRuleList':
        (data as z.output<typeof accessRuleListSchema>).rules.forEach((rule, index) => policy.accessRules.push({ ...rule, source: at('rules', index) }));
        break;
      case 'SodRuleList':
        (data as z.output<typeof sodRuleListSchema>).rules.forEach((rule, index) => {
          policy.sodRules.push({ ...rule, source: at('rules', index) });
          rule.entitlements.forEach((entitlement, position) => {
            if ('group' in entitlement) remember(['rules', index, 'entitlements', position, 'group']);
          });
        });
        break;
      case 'ProcessingRecordList':
        (data as z.output<typeof processingRecordListSchema>).records.forEach((record, index) => {
          policy.records!.push({ ...record, source: at('records', index) });
          record.recipients.forEach((_group, position) => remember(['records', index, 'recipients', position]));
        });
        break;
      case 'GrantList':
        (data as z.output<typeof grantListSchema>).grants.forEach((grant, index) => {
          policy.grants!.push({ ...grant, source: at('grants', index) });
          if (grant.to.group) remember(['grants', index, 'to', 'group']);
        });
        break;
      case 'ExternalPersonList':
        (data as z.output<typeof externalPersonListSchema>).externals.forEach((external, index) =>
          policy.externals!.push({ ...external, source: at('externals', index) }),
        );
        break;
      case 'Settings': {
        const { $schema, apiVersion, kind: _kind, serviceAccounts, protectedAccounts, ...settings } = data as z.output<typeof settingsSchema>;
        const inventory: ServiceAccountDef[] = serviceAccounts.map((entry) => (typeof entry === 'string' ? { login: entry } : entry));
        policy.settings = {
          ...settings,
          serviceAccounts: inventory.map(({ login }) => login),
          serviceAccountInventory: inventory,
          protectedAccounts: protectedAccounts.map((entry) => (typeof entry === 'string' ? { login: entry } : entry)),
          source: { file: file.path, line: 1 },
        } satisfies PolicySettings;
        for (const list of ['privilegedGroups', 'everyoneGroups'] as const) {
          settings[list].forEach((_group, position) => remember([list, position]));
        }
        settings.requests?.groups?.forEach((_group, position) => remember(['requests', 'groups', position, 'group']));
        break;
      }
    }
  }
  return policy;
}

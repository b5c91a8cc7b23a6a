import type { z } from 'zod';
import type { Policy, PolicySettings } from '../policy.types.js';
import { computePolicyVersion, type VersionedFile } from '../policy-version.js';
import type { accessRuleListSchema } from '../schema/access-rule-list.schema.js';
import type { processingRecordListSchema } from '../schema/processing-record-list.schema.js';
import type { resourceListSchema } from '../schema/resource-list.schema.js';
import type { settingsSchema } from '../schema/settings.schema.js';
import type { ParsedDocument } from './policy-document-parser.js';

/**
 * Joins the documents into one Policy once every one of them validated (so `data` is set); every definition keeps
 * where it was written.
 */
export function assemblePolicy(dir: string, files: readonly VersionedFile[], documents: readonly ParsedDocument[]): Policy {
  const policy: Policy = {
    version: computePolicyVersion(files),
    dir,
    files: files.map(({ path }) => path),
    resources: [],
    accessRules: [],
    records: [],
    settings: { rules: {}, privilegedGroups: [], serviceAccounts: [], everyoneGroups: [] },
  };
  for (const { file, kind, data, locator } of documents) {
    const at = (list: string, index: number) => ({ file: file.path, index, line: locator.locate([list, index]).line });
    switch (kind.kind) {
      case 'ResourceList':
        (data as z.output<typeof resourceListSchema>).resources.forEach((resource, index) =>
          policy.resources.push({ ...resource, source: at('resources', index) }),
        );
        break;
      case 'AccessRuleList':
        (data as z.output<typeof accessRuleListSchema>).rules.forEach((rule, index) =>
          policy.accessRules.push({ ...rule, source: at('rules', index) }),
        );
        break;
      case 'ProcessingRecordList':
        (data as z.output<typeof processingRecordListSchema>).records.forEach((record, index) =>
          policy.records!.push({ ...record, source: at('records', index) }),
        );
        break;
      case 'Settings': {
        const { $schema, apiVersion, kind: _kind, ...settings } = data as z.output<typeof settingsSchema>;
        policy.settings = { ...settings, source: { file: file.path, line: 1 } } satisfies PolicySettings;
        break;
      }
    }
  }
  return policy;
}

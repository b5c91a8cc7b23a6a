import type { z } from 'zod';
import { accessRuleListSchema } from './access-rule-list.schema.js';
import { externalPersonListSchema } from './external-person-list.schema.js';
import { grantListSchema } from './grant-list.schema.js';
import { processingRecordListSchema } from './processing-record-list.schema.js';
import { resourceListSchema } from './resource-list.schema.js';
import { settingsSchema } from './settings.schema.js';
import { sodRuleListSchema } from './sod-rule-list.schema.js';

/** One kind of policy file: the folder it lives in and the schema its files follow. Add new kinds here. */
export interface PolicyKind {
  kind: string;
  folder: string;
  schemaFile: string;
  schema: z.ZodType;
}

export const POLICY_KINDS: readonly PolicyKind[] = [
  { kind: 'ResourceList', folder: 'resources', schemaFile: 'resource-list.schema.json', schema: resourceListSchema },
  { kind: 'AccessRuleList', folder: 'access-rules', schemaFile: 'access-rule-list.schema.json', schema: accessRuleListSchema },
  { kind: 'SodRuleList', folder: 'sod', schemaFile: 'sod-rule-list.schema.json', schema: sodRuleListSchema },
  { kind: 'Settings', folder: 'settings', schemaFile: 'settings.schema.json', schema: settingsSchema },
  { kind: 'ProcessingRecordList', folder: 'records', schemaFile: 'processing-record-list.schema.json', schema: processingRecordListSchema },
  { kind: 'GrantList', folder: 'grants', schemaFile: 'grant-list.schema.json', schema: grantListSchema },
  { kind: 'ExternalPersonList', folder: 'externals', schemaFile: 'external-person-list.schema.json', schema: externalPersonListSchema },
];

export const kindByName = (kind: unknown) => POLICY_KINDS.find((candidate) => candidate.kind === kind);
export const kindByFolder = (folder: string) => POLICY_KINDS.find((candidate) => candidate.folder === folder);

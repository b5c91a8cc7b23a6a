import type { z } from 'zod';
import type { IdentityValues } from './conditions/placeholder.js';
import type { accessRuleSchema } from './schema/access-rule-list.schema.js';
import type { processingRecordSchema } from './schema/processing-record-list.schema.js';
import type { resourceSchema } from './schema/resource-list.schema.js';
import type { Severity } from './policy-vocabulary.js';

/** Where a definition was written, so findings and decisions can point back to the policy file. */
export interface FileLocation {
  /** Relative to the policy directory, with `/` separators. */
  file: string;
  line: number;
}
export interface ItemLocation extends FileLocation {
  /** Position in the file's list (`resources[index]`, `rules[index]`). */
  index: number;
}

export type ResourceDef = z.output<typeof resourceSchema> & { source: ItemLocation };
export type AccessRuleDef = z.output<typeof accessRuleSchema> & { source: ItemLocation };
export type ProcessingRecordDef = z.output<typeof processingRecordSchema> & { source: ItemLocation };

/** Overrides of one audit rule; rules read their own numeric parameters (maxPrivileged...) from the rest. */
export interface RuleSettings {
  enabled?: boolean;
  severity?: Severity;
  thresholdDays?: number;
  [param: string]: number | boolean | string | undefined;
}

export interface PolicySettings {
  /** By audit rule id (H-..., G-..., R-...). */
  rules: Record<string, RuleSettings>;
  /** Company privileged groups, names or DNs, on top of the built-in AD ones. */
  privilegedGroups: string[];
  serviceAccounts: string[];
  everyoneGroups: string[];
  /** Absent when the policy has no Settings file. */
  source?: FileLocation;
}

/** The attributes of an identity that access rules may test; a missing or empty value never matches a placeholder. */
export type IdentityAttributes = IdentityValues;

export interface Policy {
  /** sha256 (hex) over the relative paths and bytes of the loaded files. */
  version: string;
  /** Absolute directory the policy was loaded from. */
  dir: string;
  /** Loaded files, relative, sorted. */
  files: string[];
  resources: ResourceDef[];
  /** In file order, then rule order within each file. */
  accessRules: AccessRuleDef[];
  /** Records of processing (GDPR art. 30) from `records/`; absent or empty when the policy has none. */
  records?: ProcessingRecordDef[];
  settings: PolicySettings;
}

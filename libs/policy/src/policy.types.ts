import type { z } from 'zod';
import type { IdentityValues } from './conditions/placeholder.js';
import type { accessRuleSchema } from './schema/access-rule-list.schema.js';
import type { externalPersonSchema } from './schema/external-person-list.schema.js';
import type { temporaryGrantSchema } from './schema/grant-list.schema.js';
import type { processingRecordSchema } from './schema/processing-record-list.schema.js';
import type { resourceSchema } from './schema/resource-list.schema.js';
import type { hrSettingsSchema, requestSettingsSchema } from './schema/settings.schema.js';
import type { sodEntitlementSchema, sodRuleSchema } from './schema/sod-rule-list.schema.js';
import type { Severity } from './policy-vocabulary.js';
import type { PolicyIssue } from './policy-validation.error.js';

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
/** A temporary grant of `grants/`: `until` is its last day, included. */
export type TemporaryGrantDef = z.output<typeof temporaryGrantSchema> & { source: ItemLocation };
/** An external person of `externals/`: `endDate` is their last day, included. */
export type ExternalPersonDef = z.output<typeof externalPersonSchema> & { source: ItemLocation };
/** `{ resource, level? }` (an access level on a policy resource) or `{ group }` (membership of a directory group). */
export type SodEntitlement = z.output<typeof sodEntitlementSchema>;
export type SodRuleDef = z.output<typeof sodRuleSchema> & { source: ItemLocation };

/**
 * Overrides of one audit rule as the Settings file writes them: enabled, severity and the parameters the rule
 * catalogue declares (thresholdDays, maxPrivileged...). Rules read them through RuleSettings, defaults filled in.
 */
export interface RuleOverrides {
  enabled?: boolean;
  severity?: Severity;
  [param: string]: number | boolean | string | readonly string[] | undefined;
}

/** One entry of the service-account inventory. */
export interface ServiceAccountDef {
  login: string;
  /** Directory name; the account is a service account in every directory when absent. */
  directory?: string;
  /** Employee id of the accountable person. */
  owner?: string;
  purpose?: string;
}

/** One protected account: exempt from the rules of `exemptFrom` (the catalogue's PROTECTED_ACCOUNT_EXEMPTIONS when absent). */
export interface ProtectedAccountDef {
  login: string;
  directory?: string;
  reason?: string;
  exemptFrom?: string[];
}

export interface RetentionSettings {
  /** R-LEAVER-RETENTION: days a disabled leaver account may be kept. */
  leaverAccountDays: number;
  /** R-LOG-RETENTION: months the trail and access logs are kept (6 to 12; up to 36 with a justification). */
  auditLogMonths: number;
  auditLogJustification?: string;
}

/** G-REVIEW-OVERDUE: days between access reviews. */
export interface ReviewIntervals {
  standard: number;
  critical: number;
  privileged: number;
}

export interface PolicySettings {
  /** By audit rule id (H-..., G-..., R-...), ids and parameters checked against the rule catalogue. */
  rules: Record<string, RuleOverrides>;
  /** Company privileged groups, names or DNs, on top of the built-in AD ones. */
  privilegedGroups: string[];
  /** Logins of the service-account inventory (the details are in serviceAccountInventory). */
  serviceAccounts: string[];
  serviceAccountInventory: ServiceAccountDef[];
  everyoneGroups: string[];
  /** Accounts that must stay as they are; absent in policies stored before the field existed. */
  protectedAccounts?: ProtectedAccountDef[];
  retention: RetentionSettings;
  reviewIntervals: ReviewIntervals;
  /**
   * The `requests` block as written (every field optional): libs/requests' requestSettingsOf fills in its defaults.
   * Absent when the Settings file has none.
   */
  requests?: RequestSettingsDef;
  /** The `hr` block as written (libs/hr's hrSettingsOf reads it); absent when the Settings file has none. */
  hr?: HrSettingsDef;
  /** Absent when the policy has no Settings file. */
  source?: FileLocation;
}

/** The Settings' `requests` block as parsed: a partial RequestSettings (libs/requests), checked field by field. */
export type RequestSettingsDef = z.output<typeof requestSettingsSchema>;

/** The Settings' `hr` block as parsed. */
export type HrSettingsDef = z.output<typeof hrSettingsSchema>;

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
  /** Temporary grants from `grants/`; absent or empty when the policy has none. */
  grants?: TemporaryGrantDef[];
  /** The inventory of external people from `externals/`; absent or empty when the policy has none. */
  externals?: ExternalPersonDef[];
  /** Separation of duties, in file order. */
  sodRules: SodRuleDef[];
  settings: PolicySettings;
  /**
   * Where the values the policy names in the directory (group references) were written, by `file#path`
   * (`resources/shares.yaml#resources[2].grants.write[0]`), so a check against the directory can point at a line.
   */
  positions?: Readonly<Record<string, { line: number; column: number }>>;
  /**
   * What is valid but looks wrong against the directories (a condition no account meets, a service account that does
   * not exist): set when the loader was given directory facts (`vigie policy validate`), in file order.
   */
  warnings?: readonly PolicyIssue[];
  /**
   * Set when the policy directory was invalid and this is the last valid policy stored instead (LastValidPolicySource):
   * why, and since when this version was known valid.
   */
  fallback?: PolicyFallback;
}

export interface PolicyFallback {
  /** The directory that failed to load. */
  source: string;
  /** Its validation errors, one per line (file:line:col  path: message). */
  reason: string;
  failedAt: Date;
  /** When the version in force was last loaded valid. */
  lastValidAt: Date;
}

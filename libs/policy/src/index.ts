export { ACCESS_LEVELS, levelsAtOrAbove, SPECIAL_CATEGORIES } from './policy-vocabulary.js';
export type {
  AccessRuleDef,
  IdentityAttributes,
  Policy,
  PolicyFallback,
  PolicySettings,
  ProcessingRecordDef,
  ExternalPersonDef,
  TemporaryGrantDef,
  ResourceDef,
  SodEntitlement,
  SodRuleDef,
} from './policy.types.js';
export { type PolicyIssue, PolicyValidationError } from './policy-validation.error.js';
export { type LoadPolicyOptions, loadPolicy, loadPolicyFromFiles } from './policy-loader.js';
export { CHECKED_ATTRIBUTES, type CheckedAttribute, type DirectoryFacts } from './loader/directory-warnings.js';
export { formatPolicyIssue } from './policy-validation.error.js';
export { defaultSettings } from './loader/policy-assembler.js';
export { closestRuleId, PROTECTED_ACCOUNT_EXEMPTIONS, RULE_CATALOGUE, RULE_IDS, type RuleId } from './rule-catalogue.js';
export { type RuleSettings, ruleSettingsOf } from './rule-settings.js';
export { reviewStatusOf } from './review-schedule.js';
export { computePolicyVersion, shortPolicyVersion, type VersionedFile } from './policy-version.js';
export { AccessPolicy } from './access-policy.js';
export { DirectoryPolicySource, PolicySource, StaticPolicySource } from './policy-source.js';
export { groupReferences, unknownGroupReferences, type UnknownGroupReference } from './policy-references.js';
export { Birthrights } from './birthrights.js';
export { type DirectoryFragment, directoryFragmentSchema } from './policy-tests/policy-test-suite.schema.js';
export { type FindingsOracle, type PolicyTestReport, runPolicyTests } from './policy-tests/policy-test.runner.js';
export { formatPolicyTestReport, isFullyCovered } from './policy-tests/policy-test-report.formatter.js';
export { loadPolicySpec } from './policy-spec.js';
export { PolicyStore, type PolicyLoadFailure, type StoredPolicy } from './ports/policy.store.js';
export { LastValidPolicySource } from './last-valid-policy.source.js';

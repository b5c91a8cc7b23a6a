export * from './policy-vocabulary.js';
export type {
  AccessRuleDef,
  FileLocation,
  IdentityAttributes,
  ItemLocation,
  Policy,
  PolicyFallback,
  PolicySettings,
  ProcessingRecordDef,
  ResourceDef,
  RetentionSettings,
  ReviewIntervals,
  RuleSettings,
  ServiceAccountDef,
  SodEntitlement,
  SodRuleDef,
} from './policy.types.js';
export { formatPolicyIssue, type PolicyIssue, PolicyValidationError } from './policy-validation.error.js';
export { loadPolicy, loadPolicyFromFiles, loadPolicyWithFiles, type LoadPolicyOptions } from './policy-loader.js';
export type { KnownGroups } from './loader/cross-reference-checks.js';
export { defaultSettings } from './loader/policy-assembler.js';
export { readPolicyDirectory, TEST_SUITE } from './loader/policy-files.js';
export * from './rule-catalogue.js';
export { type ReviewClass, type ReviewStatus, reviewClassOf, reviewStatusOf } from './review-schedule.js';
export { computePolicyVersion, shortPolicyVersion, type VersionedFile } from './policy-version.js';
export { AccessPolicy, type AccessDecision, type AccessPolicyOptions } from './access-policy.js';
export { DirectoryPolicySource, PolicySource, StaticPolicySource } from './policy-source.js';
export {
  groupReferences,
  type GroupReference,
  normaliseGroupReference,
  unknownGroupIssues,
  unknownGroupReferences,
  unknownRuleIds,
} from './policy-references.js';
export { generatePolicySchemas, renderPolicySchema, writePolicySchemas } from './schema/policy-schema-generator.js';
export { POLICY_KINDS, type PolicyKind } from './schema/policy-kinds.js';
export { accessRuleListSchema, accessRuleSchema } from './schema/access-rule-list.schema.js';
export { RESOURCE_ID_PATTERN, resourceListSchema, resourceSchema } from './schema/resource-list.schema.js';
export { RULE_ID_PATTERN, ruleSettingsSchema, settingsSchema } from './schema/settings.schema.js';
export { SOD_RULE_ID_PATTERN, sodEntitlementSchema, sodRuleListSchema, sodRuleSchema } from './schema/sod-rule-list.schema.js';
export { RECORD_ID_PATTERN, processingRecordListSchema, processingRecordSchema } from './schema/processing-record-list.schema.js';
export { Birthrights, type BirthrightExpectation } from './birthrights.js';
export { validateCondition, type ConditionIssue } from './conditions/condition-validator.js';
export {
  type DirectoryFragment,
  directoryFragmentSchema,
  type ExpectedFinding,
  policyTestSuiteSchema,
  TEST_SUITE_KIND,
  TEST_SUITE_SCHEMA_FILE,
} from './policy-tests/policy-test-suite.schema.js';
export { parsePolicyTestSuite, type PolicyTestCase, type PolicyTestSuite } from './policy-tests/policy-test-suite.parser.js';
export {
  type AccessRuleCoverage,
  type FindingsOracle,
  type PolicyTestReport,
  type PolicyTestResult,
  type ProducedFinding,
  runPolicyTests,
  runSuites,
} from './policy-tests/policy-test.runner.js';
export { formatPolicyTestReport, isFullyCovered } from './policy-tests/policy-test-report.formatter.js';
export { PolicyLoadError } from './policy-validation.error.js';
export { readPolicyAtGitRef, type GitPolicyFiles } from './git/git-policy-files.js';
export { loadPolicySpec } from './policy-spec.js';
export { PolicyStore, type PolicyLoadFailure, type StoredPolicy } from './ports/policy.store.js';
export { LastValidPolicySource, type LastValidPolicySourceOptions } from './last-valid-policy.source.js';

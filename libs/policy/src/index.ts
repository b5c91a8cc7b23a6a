export * from './policy-vocabulary.js';
export type {
  AccessRuleDef,
  FileLocation,
  IdentityAttributes,
  ItemLocation,
  Policy,
  PolicySettings,
  ProcessingRecordDef,
  ResourceDef,
  RuleSettings,
} from './policy.types.js';
export { formatPolicyIssue, type PolicyIssue, PolicyValidationError } from './policy-validation.error.js';
export { loadPolicy } from './policy-loader.js';
export { computePolicyVersion, shortPolicyVersion, type VersionedFile } from './policy-version.js';
export { AccessPolicy, type AccessDecision, type AccessPolicyOptions } from './access-policy.js';
export { DirectoryPolicySource, PolicySource, StaticPolicySource } from './policy-source.js';
export {
  groupReferences,
  type GroupReference,
  normaliseGroupReference,
  unknownGroupReferences,
  unknownRuleIds,
} from './policy-references.js';
export { generatePolicySchemas, renderPolicySchema, writePolicySchemas } from './schema/policy-schema-generator.js';
export { POLICY_KINDS, type PolicyKind } from './schema/policy-kinds.js';
export { accessRuleListSchema, accessRuleSchema } from './schema/access-rule-list.schema.js';
export { RESOURCE_ID_PATTERN, resourceListSchema, resourceSchema } from './schema/resource-list.schema.js';
export { RULE_ID_PATTERN, settingsSchema } from './schema/settings.schema.js';
export { RECORD_ID_PATTERN, processingRecordListSchema, processingRecordSchema } from './schema/processing-record-list.schema.js';
export { Birthrights, type BirthrightExpectation } from './birthrights.js';
export { validateCondition, type ConditionIssue } from './conditions/condition-validator.js';

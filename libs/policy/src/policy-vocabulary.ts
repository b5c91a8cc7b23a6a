// The closed word lists of the policy format. Schemas, validators and the access policy read them from here so a
// new resource type or attribute is added in one place.

export const POLICY_API_VERSION = 'vigie.dev/v1';

export const RESOURCE_TYPES = ['share', 'printer', 'workstation', 'workstation-group'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** `all` is CASL's any-subject type: a rule on `all` applies to every resource type. */
export const RULE_TARGETS = [...RESOURCE_TYPES, 'all'] as const;
export type RuleTarget = (typeof RULE_TARGETS)[number];

export const ACCESS_LEVELS = ['read', 'write', 'admin', 'local-admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/**
 * The levels that include a level, for questions like "who can write this share": admin includes write, write
 * includes read. local-admin (a machine's Administrators group) stands apart.
 */
export function levelsAtOrAbove(level: AccessLevel): AccessLevel[] {
  if (level === 'local-admin') return ['local-admin'];
  const ordered: AccessLevel[] = ['read', 'write', 'admin'];
  return ordered.slice(ordered.indexOf(level));
}

/** Only machines have a local Administrators group, so `local-admin` makes sense on them alone. */
export const LOCAL_ADMIN_TYPES: readonly ResourceType[] = ['workstation', 'workstation-group'];

/**
 * Who a resource is meant for. `everyone`: a common share, the printers, opened to everybody on purpose (G-OPEN-SHARE
 * stays silent on it); `restricted`, the default: granted to some people only, so a grant to everybody is a finding.
 */
export const AUDIENCES = ['restricted', 'everyone'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Whether an SoD rule looks at a person across all their accounts (by employee id) or at each account alone. */
export const SOD_SCOPES = ['identity', 'account'] as const;
export type SodScope = (typeof SOD_SCOPES)[number];

/** GDPR art. 9 special categories, as written in `personalData.categories`. */
export const SPECIAL_CATEGORIES = ['health', 'union', 'religion', 'ethnicity', 'politics', 'sexual-orientation', 'biometric', 'genetic'] as const;

export const IDENTITY_ATTRIBUTES = ['login', 'employeeId', 'department', 'title', 'employeeType', 'location', 'manager', 'directory'] as const;
export type IdentityAttribute = (typeof IDENTITY_ATTRIBUTES)[number];

/** Fields an access rule's `where` may test; `personalData` is an object, so `personalData.categories` is allowed. */
export const RESOURCE_ATTRIBUTES = ['id', 'type', 'name', 'owner', 'criticality', 'personalData', 'location', 'tags', 'audience'] as const;

export const FIELD_OPERATORS = ['$eq', '$ne', '$in', '$nin', '$exists', '$regex', '$all', '$size', '$elemMatch', '$lt', '$lte', '$gt', '$gte', '$not'] as const;
export const COMPOUND_OPERATORS = ['$and', '$or'] as const;
export const CONDITION_OPERATORS = [...FIELD_OPERATORS, ...COMPOUND_OPERATORS] as const;

import { createMongoAbility, detectSubjectType, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { compileCondition, conditionsMatcher } from './conditions/condition-matcher.js';
import { placeholderAttributes, substitutePlaceholders } from './conditions/placeholder.js';
import type { AccessRuleDef, IdentityAttributes, Policy, ResourceDef } from './policy.types.js';
import type { IdentityAttribute } from './policy-vocabulary.js';

export interface AccessDecision {
  allowed: boolean;
  /** The rule that decided: the matching can rule, or the cannot rule that overrode it. Absent when denied by default. */
  rule?: { description?: string; file: string; index: number; line: number };
}

export interface AccessPolicyOptions {
  /** Abilities kept in memory; identities sharing the attributes the rules read share one ability. */
  maxCachedAbilities?: number;
}

interface CompiledRule {
  def: AccessRuleDef;
  appliesTo: (identity: object) => boolean;
}

type DecidingRule = ReturnType<MongoAbility['relevantRuleFor']>;

interface CachedAbility {
  ability: MongoAbility;
  /** Decisions per resource object and level: an audit asks the same questions for thousands of identities. */
  decisions: WeakMap<object, Map<string, DecidingRule>>;
}

// Policy resources carry their type; `subject()`-tagged objects still work for callers that use CASL directly.
const resourceType = (object: object) =>
  typeof (object as { type?: unknown }).type === 'string' ? (object as { type: string }).type : detectSubjectType(object);

/**
 * Decides whether an identity may hold an access level on a resource, from the policy's access rules, with CASL.
 * Deny by default; cannot rules override can rules whatever their order in the files. Decisions are memoised per
 * resource object, so resources are treated as immutable (as the loaded policy's are).
 */
export class AccessPolicy {
  private readonly rules: CompiledRule[];
  private readonly keyAttributes: IdentityAttribute[];
  private readonly abilities = new Map<string, CachedAbility>();
  private readonly origins = new WeakMap<object, AccessRuleDef>();
  private readonly maxCachedAbilities: number;

  constructor(policy: Policy, options: AccessPolicyOptions = {}) {
    this.maxCachedAbilities = options.maxCachedAbilities ?? 10_000;
    // CASL gives priority to the rules defined last: cannot rules go last, and each group is reversed so that among
    // several matching rules the decision names the first one written.
    const ordered = [...policy.accessRules.filter((rule) => rule.can).reverse(), ...policy.accessRules.filter((rule) => rule.cannot).reverse()];
    this.rules = ordered.map((def) => ({ def, appliesTo: def.when ? compileCondition(def.when) : () => true }));
    this.keyAttributes = [...referencedAttributes(policy.accessRules)].sort();
  }

  abilityFor(identity: IdentityAttributes): MongoAbility {
    return this.cached(identity).ability;
  }

  isAllowed(identity: IdentityAttributes, resource: ResourceDef, level: string): boolean {
    const rule = this.decide(identity, resource, level);
    return !!rule && !rule.inverted;
  }

  explainDecision(identity: IdentityAttributes, resource: ResourceDef, level: string): AccessDecision {
    const rule = this.decide(identity, resource, level);
    const def = rule ? this.origins.get(rule.origin) : undefined;
    if (!rule || !def) return { allowed: false };
    const { description, source } = def;
    return { allowed: !rule.inverted, rule: { description, file: source.file, index: source.index, line: source.line } };
  }

  private decide(identity: IdentityAttributes, resource: ResourceDef, level: string): DecidingRule {
    const { ability, decisions } = this.cached(identity);
    let byLevel = decisions.get(resource);
    if (!byLevel) decisions.set(resource, (byLevel = new Map()));
    let rule = byLevel.get(level);
    if (rule === undefined) byLevel.set(level, (rule = ability.relevantRuleFor(level, resource)));
    return rule;
  }

  private cached(identity: IdentityAttributes): CachedAbility {
    // Called for every (identity, resource, level) of an audit, so a cheap key. Directory strings hold no NUL; SOH
    // marks a missing value.
    let key = '';
    for (const attribute of this.keyAttributes) key += `${valueOf(identity, attribute) ?? '\u0001'}\u0000`;
    let entry = this.abilities.get(key);
    if (!entry) {
      entry = { ability: this.buildAbility(this.project(identity)), decisions: new WeakMap() };
      if (this.abilities.size >= this.maxCachedAbilities) this.abilities.delete(this.abilities.keys().next().value!);
      this.abilities.set(key, entry);
    }
    return entry;
  }

  private buildAbility(identity: IdentityAttributes): MongoAbility {
    const raw: RawRuleOf<MongoAbility>[] = [];
    for (const { def, appliesTo } of this.rules) {
      if (!appliesTo(identity)) continue;
      const conditions = def.where ? substitutePlaceholders(def.where, identity) : undefined;
      if (def.where && !conditions) continue;
      const rule: RawRuleOf<MongoAbility> = {
        action: (def.can ?? def.cannot)!,
        subject: def.on,
        inverted: !def.can,
        ...(conditions ? { conditions } : {}),
        ...(def.description ? { reason: def.description } : {}),
      };
      this.origins.set(rule, def);
      raw.push(rule);
    }
    return createMongoAbility(raw, { conditionsMatcher, detectSubjectType: resourceType });
  }

  /**
   * Only the attributes rules read, so extra fields on the caller's object neither leak in nor split the cache; and
   * without the empty ones, so that `$exists: false` holds for them as it does for an attribute never set.
   */
  private project(identity: IdentityAttributes): IdentityAttributes {
    const projected: Partial<Record<IdentityAttribute, string>> = {};
    for (const attribute of this.keyAttributes) {
      const value = valueOf(identity, attribute);
      if (value !== undefined) projected[attribute] = value;
    }
    return projected;
  }
}

/** LDAP has no empty values: null, undefined and '' all mean the identity lacks the attribute. */
function valueOf(identity: IdentityAttributes, attribute: IdentityAttribute): string | undefined {
  const value = identity[attribute];
  return value === null || value === '' ? undefined : value;
}

function referencedAttributes(rules: readonly AccessRuleDef[]): Set<IdentityAttribute> {
  const attributes = new Set<IdentityAttribute>();
  for (const rule of rules) {
    if (rule.when) collectFieldNames(rule.when, attributes);
    if (rule.where) placeholderAttributes(rule.where, attributes);
  }
  return attributes;
}

function collectFieldNames(query: Record<string, unknown>, into: Set<IdentityAttribute>): void {
  for (const [key, value] of Object.entries(query)) {
    if ((key === '$and' || key === '$or') && Array.isArray(value)) {
      value.forEach((item) => collectFieldNames(item as Record<string, unknown>, into));
    } else if (!key.startsWith('$')) {
      into.add(key.split('.')[0] as IdentityAttribute);
    }
  }
}

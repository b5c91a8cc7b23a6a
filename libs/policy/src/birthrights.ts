import { compileCondition } from './conditions/condition-matcher.js';
import { placeholderAttributes, substitutePlaceholders } from './conditions/placeholder.js';
import type { AccessRuleDef, IdentityAttributes, Policy, ResourceDef } from './policy.types.js';
import type { AccessLevel, IdentityAttribute } from './policy-vocabulary.js';

/** What a birthright rule says an identity should hold on one resource. */
export interface BirthrightExpectation {
  resource: ResourceDef;
  /** The rule's levels that the resource can grant at all (it names groups for them). */
  levels: AccessLevel[];
  rule: AccessRuleDef;
}

interface CompiledBirthright {
  rule: AccessRuleDef;
  appliesTo: (identity: object) => boolean;
  candidates: ResourceDef[];
}

/**
 * Birthright roles: `can` rules marked `birthright: true` say what an identity gets automatically from its
 * attributes (a department's own share), so their access should be held, not only allowed. For an identity, the
 * expected entitlements are the resources of the rule's type that its `where` matches (placeholders filled with the
 * identity's values), at the rule's levels the resource grants. Memoised per identity class (the attributes these
 * rules read), as an audit asks for every account.
 */
export class Birthrights {
  readonly rules: AccessRuleDef[];
  private readonly compiled: CompiledBirthright[];
  private readonly keyAttributes: IdentityAttribute[];
  private readonly cache = new Map<string, BirthrightExpectation[]>();

  constructor(policy: Policy) {
    this.rules = policy.accessRules.filter((rule) => rule.birthright && rule.can);
    this.compiled = this.rules.map((rule) => ({
      rule,
      appliesTo: rule.when ? compileCondition(rule.when) : () => true,
      candidates: policy.resources.filter((r) => rule.on === 'all' || r.type === rule.on),
    }));
    const attributes = new Set<IdentityAttribute>();
    for (const rule of this.rules) {
      if (rule.when) for (const key of conditionFields(rule.when)) attributes.add(key as IdentityAttribute);
      if (rule.where) placeholderAttributes(rule.where, attributes);
    }
    this.keyAttributes = [...attributes].sort();
  }

  expectedFor(identity: IdentityAttributes): BirthrightExpectation[] {
    if (!this.compiled.length) return [];
    const projected: Partial<Record<IdentityAttribute, string>> = {};
    let key = '';
    for (const attribute of this.keyAttributes) {
      const value = identity[attribute];
      key += `${value ?? '\u0001'}\u0000`;
      if (value !== null && value !== undefined && value !== '') projected[attribute] = value;
    }
    let hit = this.cache.get(key);
    if (!hit) this.cache.set(key, (hit = this.compute(projected)));
    return hit;
  }

  private compute(identity: IdentityAttributes): BirthrightExpectation[] {
    const out: BirthrightExpectation[] = [];
    for (const { rule, appliesTo, candidates } of this.compiled) {
      if (!appliesTo(identity)) continue;
      let matches: (resource: object) => boolean = () => true;
      if (rule.where) {
        const where = substitutePlaceholders(rule.where, identity);
        // A placeholder the identity cannot fill: the rule does not apply to it (as in AccessPolicy).
        if (!where) continue;
        matches = compileCondition(where);
      }
      for (const resource of candidates) {
        if (!matches(resource)) continue;
        const levels = (rule.can ?? []).filter((level) => resource.grants[level]?.length);
        if (levels.length) out.push({ resource, levels, rule });
      }
    }
    return out;
  }
}

function conditionFields(query: Record<string, unknown>): string[] {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if ((key === '$and' || key === '$or') && Array.isArray(value)) for (const item of value) fields.push(...conditionFields(item as Record<string, unknown>));
    else if (!key.startsWith('$')) fields.push(key.split('.')[0]);
  }
  return fields;
}

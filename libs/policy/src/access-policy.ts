import type { MongoAbility } from '@casl/ability';
import { CaslAbilities, resourceType } from './casl-ability.js';
import { type BoundRule, CompiledAccessRule } from './compiled-access-rule.js';
import type { IdentityAttributes, Policy, ResourceDef } from './policy.types.js';
import { ACCESS_LEVELS, type IdentityAttribute } from './policy-vocabulary.js';

export interface AccessDecision {
  allowed: boolean;
  /** The rule that decided: the matching can rule, or the cannot rule that overrode it. Absent when denied by default. */
  rule?: { description?: string; file: string; index: number; line: number };
}

export interface AccessPolicyOptions {
  /** Identity classes (and CASL abilities) kept in memory; identities agreeing on what class rules read share one. */
  maxCachedAbilities?: number;
}

/** The access rules bound to one identity: what an audit asks for each grant an account holds. */
export interface IdentityDecisions {
  /**
   * The same object for every identity of one class that no personal rule concerns, so callers can keep decisions
   * per class; undefined when a personal rule (a `when` on login or employeeId...) may decide for this identity.
   */
  readonly shared: object | undefined;
  isAllowed(resource: ResourceDef, level: string): boolean;
  explain(resource: ResourceDef, level: string): AccessDecision;
}

const LEVEL_SLOT = new Map<string, number>(ACCESS_LEVELS.map((level, i) => [level, i]));
const UNKNOWN = 0;
const NO_RULE = 1;

/**
 * Decides whether an identity may hold an access level on a resource, from the policy's access rules, with CASL's
 * semantics: deny by default, a matching cannot rule overrides any can rule, and among matching rules of one kind
 * the first written is the one a decision names.
 *
 * Rules that read only class attributes (department, title, type, site...) are decided once per class of identities
 * and resource, in a dense array per class. Rules that name a person (PERSONAL_ATTRIBUTES) are indexed by the value
 * they pin (`when: { login: jdupont }`) and tested only for that person, against the few resources they name; so
 * thousands of temporary grants neither split the classes nor make one decision table per account. Decisions are
 * memoised per resource object, so resources are treated as immutable (as the loaded policy's are).
 */
export class AccessPolicy {
  private readonly classCannot: CompiledAccessRule[];
  private readonly classCan: CompiledAccessRule[];
  private readonly classAttributes: IdentityAttribute[];
  private readonly allAttributes: IdentityAttribute[];
  /** Personal rules by the attribute and value they pin. */
  private readonly pinned = new Map<IdentityAttribute, Map<string, CompiledAccessRule[]>>();
  /** Personal rules that pin no value (`${identity.login}` in a where, a regex on logins): tried for everyone. */
  private readonly unpinned: CompiledAccessRule[] = [];
  /** The decision table of each class of identities, and the tables by the class rules they bind, shared. */
  private readonly classes = new Map<string, DecisionTable>();
  private readonly tables = new Map<string, DecisionTable>();
  private readonly resourceSlots: Map<object, number>;
  private readonly maxCachedAbilities: number;
  private readonly casl: CaslAbilities;
  private readonly abilities = new Map<string, MongoAbility>();

  constructor(policy: Policy, options: AccessPolicyOptions = {}) {
    this.maxCachedAbilities = options.maxCachedAbilities ?? 10_000;
    const compiled = policy.accessRules.map((def, position) => new CompiledAccessRule(def, position));
    const shared = compiled.filter((rule) => !rule.personal);
    this.classCannot = shared.filter((rule) => rule.inverted);
    this.classCan = shared.filter((rule) => !rule.inverted);
    this.classAttributes = attributesOf(shared);
    this.allAttributes = attributesOf(compiled);
    for (const rule of compiled) {
      if (!rule.personal) continue;
      if (!rule.pinned) {
        this.unpinned.push(rule);
        continue;
      }
      let byValue = this.pinned.get(rule.pinned.attribute);
      if (!byValue) this.pinned.set(rule.pinned.attribute, (byValue = new Map()));
      for (const value of new Set(rule.pinned.values)) {
        const list = byValue.get(value);
        if (list) list.push(rule);
        else byValue.set(value, [rule]);
      }
    }
    this.resourceSlots = new Map(policy.resources.map((resource, i) => [resource, i]));
    this.casl = new CaslAbilities(policy.accessRules);
  }

  /** The CASL ability of an identity (the reference semantics; audits decide through decisionsFor). */
  abilityFor(identity: IdentityAttributes): MongoAbility {
    const key = keyOf(identity, this.allAttributes);
    let ability = this.abilities.get(key);
    if (!ability) {
      ability = this.casl.build(project(identity, this.allAttributes));
      if (this.abilities.size >= this.maxCachedAbilities) this.abilities.delete(this.abilities.keys().next().value!);
      this.abilities.set(key, ability);
    }
    return ability;
  }

  isAllowed(identity: IdentityAttributes, resource: ResourceDef, level: string): boolean {
    return this.decisionsFor(identity).isAllowed(resource, level);
  }

  explainDecision(identity: IdentityAttributes, resource: ResourceDef, level: string): AccessDecision {
    return this.decisionsFor(identity).explain(resource, level);
  }

  /** The rules bound to one identity; bind once and ask for every grant the identity holds. */
  decisionsFor(identity: IdentityAttributes): IdentityDecisions {
    const table = this.classOf(identity);
    const personal = this.personalRulesFor(identity);
    return personal ? new PersonalDecisions(table, personal) : table;
  }

  private classOf(identity: IdentityAttributes): DecisionTable {
    // Called for every account of an audit, so a cheap key. Directory strings hold no NUL; SOH marks a missing value.
    const key = keyOf(identity, this.classAttributes);
    let table = this.classes.get(key);
    if (!table) {
      // Classes that bind the same rules the same way (department and title differ, but only the site is read by the
      // rules that apply) decide alike: they share one table.
      const projected = project(identity, this.classAttributes);
      const cannot = bindAll(this.classCannot, projected);
      const can = bindAll(this.classCan, projected);
      const signature = [...cannot, ...can].map((b) => `${b.rule.position}.${b.variant}`).join(',');
      table = this.tables.get(signature);
      if (!table) {
        table = new DecisionTable([...cannot, ...can], this.resourceSlots, this.classCan.length + this.classCannot.length);
        remember(this.tables, signature, table, this.maxCachedAbilities);
      }
      remember(this.classes, key, table, this.maxCachedAbilities);
    }
    return table;
  }

  /** The personal rules that apply to the identity, bound to it, in written order; undefined when none does. */
  private personalRulesFor(identity: IdentityAttributes): BoundRule[] | undefined {
    let candidates: CompiledAccessRule[] | undefined;
    for (const [attribute, byValue] of this.pinned) {
      const value = valueOf(identity, attribute);
      const rules = value === undefined ? undefined : byValue.get(value);
      if (rules) candidates = candidates ? [...candidates, ...rules] : rules;
    }
    if (this.unpinned.length) candidates = candidates ? [...candidates, ...this.unpinned] : this.unpinned;
    if (!candidates) return undefined;
    const projected = project(identity, this.allAttributes);
    const bound = bindAll(candidates, projected);
    if (!bound.length) return undefined;
    // A rule pinned on two attributes, or listed twice under one, is bound once.
    return [...new Map(bound.map((b) => [b.rule.position, b])).values()].sort((a, b) => a.rule.position - b.rule.position);
  }
}

/**
 * The class rules bound to classes of identities, with their decisions: per policy resource and level, the index of
 * the deciding rule in a dense array (a few kilobytes per table); other resource objects in a weak map.
 */
class DecisionTable implements IdentityDecisions {
  readonly shared = this;
  private table: Uint16Array | Uint32Array | undefined;
  private readonly others = new WeakMap<object, Map<string, number>>();

  constructor(
    /** The cannot rules, then the can rules, each in written order. */
    private readonly rules: BoundRule[],
    private readonly slots: Map<object, number>,
    /** How many class rules the policy has: whether a rule index fits 16 bits. */
    private readonly ruleCount: number,
  ) {}

  isAllowed(resource: ResourceDef, level: string): boolean {
    const rule = this.decide(resource, level);
    return !!rule && !rule.inverted;
  }

  explain(resource: ResourceDef, level: string): AccessDecision {
    return toDecision(this.decide(resource, level));
  }

  decide(resource: object, level: string): CompiledAccessRule | undefined {
    const slot = this.slots.get(resource);
    const levelSlot = LEVEL_SLOT.get(level);
    if (slot === undefined || levelSlot === undefined) return this.decideOther(resource, level);
    this.table ??= this.ruleCount < 0xfffe ? new Uint16Array(this.slots.size * ACCESS_LEVELS.length) : new Uint32Array(this.slots.size * ACCESS_LEVELS.length);
    const cell = slot * ACCESS_LEVELS.length + levelSlot;
    let code = this.table[cell];
    if (code === UNKNOWN) this.table[cell] = code = this.encode(this.compute(resource, level));
    return code === NO_RULE ? undefined : this.rules[code - 2].rule;
  }

  private decideOther(resource: object, level: string): CompiledAccessRule | undefined {
    let byLevel = this.others.get(resource);
    if (!byLevel) this.others.set(resource, (byLevel = new Map()));
    let code = byLevel.get(level);
    if (code === undefined) byLevel.set(level, (code = this.encode(this.compute(resource, level))));
    return code === NO_RULE ? undefined : this.rules[code - 2].rule;
  }

  private encode(found: number): number {
    return found < 0 ? NO_RULE : found + 2;
  }

  /** Index in `rules` of the deciding rule, or -1: the first matching cannot rule, else the first matching can rule. */
  private compute(resource: object, level: string): number {
    const type = resourceType(resource);
    for (let i = 0; i < this.rules.length; i++) {
      const { rule, matches } = this.rules[i];
      if (rule.covers(type, level) && matches(resource)) return i;
    }
    return -1;
  }
}

/** An identity that personal rules concern: its class's decision, overridden by a personal rule where CASL would. */
class PersonalDecisions implements IdentityDecisions {
  readonly shared = undefined;

  constructor(
    private readonly table: DecisionTable,
    private readonly personal: BoundRule[],
  ) {}

  isAllowed(resource: ResourceDef, level: string): boolean {
    const rule = this.decide(resource, level);
    return !!rule && !rule.inverted;
  }

  explain(resource: ResourceDef, level: string): AccessDecision {
    return toDecision(this.decide(resource, level));
  }

  private decide(resource: object, level: string): CompiledAccessRule | undefined {
    const base = this.table.decide(resource, level);
    const type = resourceType(resource);
    let cannot: CompiledAccessRule | undefined;
    let can: CompiledAccessRule | undefined;
    for (const { rule, matches } of this.personal) {
      if ((rule.inverted ? cannot : can) || !rule.covers(type, level) || !matches(resource)) continue;
      if (rule.inverted) cannot = rule;
      else can = rule;
    }
    if (base?.inverted) return cannot && cannot.position < base.position ? cannot : base;
    if (cannot) return cannot;
    if (base) return can && can.position < base.position ? can : base;
    return can;
  }
}

function toDecision(rule: CompiledAccessRule | undefined): AccessDecision {
  if (!rule) return { allowed: false };
  const { description, source } = rule.def;
  return { allowed: !rule.inverted, rule: { description, file: source.file, index: source.index, line: source.line } };
}

function remember<T>(cache: Map<string, T>, key: string, value: T, max: number): void {
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

function bindAll(rules: readonly CompiledAccessRule[], identity: IdentityAttributes): BoundRule[] {
  const bound: BoundRule[] = [];
  for (const rule of rules) {
    const binding = rule.bind(identity);
    if (binding) bound.push(binding);
  }
  return bound;
}

function attributesOf(rules: readonly CompiledAccessRule[]): IdentityAttribute[] {
  return [...new Set(rules.flatMap((rule) => [...rule.attributes]))].sort();
}

function keyOf(identity: IdentityAttributes, attributes: readonly IdentityAttribute[]): string {
  let key = '';
  for (const attribute of attributes) key += `${valueOf(identity, attribute) ?? '\u0001'}\u0000`;
  return key;
}

/**
 * Only the attributes rules read, so extra fields on the caller's object neither leak in nor split the cache; and
 * without the empty ones, so that `$exists: false` holds for them as it does for an attribute never set.
 */
function project(identity: IdentityAttributes, attributes: readonly IdentityAttribute[]): IdentityAttributes {
  const projected: Partial<Record<IdentityAttribute, string>> = {};
  for (const attribute of attributes) {
    const value = valueOf(identity, attribute);
    if (value !== undefined) projected[attribute] = value;
  }
  return projected;
}

/** LDAP has no empty values: null, undefined and '' all mean the identity lacks the attribute. */
function valueOf(identity: IdentityAttributes, attribute: IdentityAttribute): string | undefined {
  const value = identity[attribute];
  return value === null || value === '' ? undefined : value;
}

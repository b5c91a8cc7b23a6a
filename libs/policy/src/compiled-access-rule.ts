import { compileCondition } from './conditions/condition-matcher.js';
import { placeholderAttributes, substitutePlaceholders } from './conditions/placeholder.js';
import type { AccessRuleDef, IdentityAttributes } from './policy.types.js';
import type { IdentityAttribute } from './policy-vocabulary.js';

/**
 * Attributes that name one person rather than a class of people. A rule that reads them (`when: { login: jdupont }`,
 * a temporary grant; `${identity.login}` in a home share's name) is decided per person; every other rule once per
 * class of identities that agree on the attributes those rules read.
 */
export const PERSONAL_ATTRIBUTES: readonly IdentityAttribute[] = ['login', 'employeeId'];

/** Conditions compiled for one identity's values are kept per rule up to this many, then forgotten all at once. */
const MAX_BOUND_CONDITIONS = 4096;

type ResourcePredicate = (resource: object) => boolean;
const always: ResourcePredicate = () => true;

/** A rule bound to an identity: its predicate on resources, and which of its bindings it is (0 without placeholders). */
export interface BoundRule {
  rule: CompiledAccessRule;
  matches: ResourcePredicate;
  /** Two identities with the same variant of a rule get the same predicate: `${identity.location}` filled alike. */
  variant: number;
}

/** One access rule, compiled once, decided the way CASL decides it (see CaslAbilities for the reference). */
export class CompiledAccessRule {
  readonly inverted: boolean;
  /** Identity attributes the rule reads, in `when` or in `where` placeholders. */
  readonly attributes = new Set<IdentityAttribute>();
  readonly personal: boolean;
  /** The values one personal attribute must take for the rule to apply (its index keys), when `when` pins one. */
  readonly pinned?: { attribute: IdentityAttribute; values: string[] };
  private readonly levels: ReadonlySet<string>;
  private readonly appliesTo: (identity: object) => boolean;
  private readonly fixedWhere?: ResourcePredicate;
  private readonly bound = new Map<string, BoundRule>();
  private variants = 0;

  constructor(
    readonly def: AccessRuleDef,
    /** Position in the policy's rules: among matching rules of one kind, the first written decides. */
    readonly position: number,
  ) {
    this.inverted = !def.can;
    this.levels = new Set(def.can ?? def.cannot ?? []);
    this.appliesTo = def.when ? compileCondition(def.when) : always;
    if (def.when) collectFieldNames(def.when, this.attributes);
    const placeholders = def.where ? placeholderAttributes(def.where) : new Set<IdentityAttribute>();
    for (const attribute of placeholders) this.attributes.add(attribute);
    if (def.where && placeholders.size === 0) this.fixedWhere = compileCondition(def.where);
    this.personal = PERSONAL_ATTRIBUTES.some((attribute) => this.attributes.has(attribute));
    this.pinned = def.when ? pinnedValues(def.when) : undefined;
  }

  /** Whether the rule speaks of this resource type and level at all (CASL: subject type or `all`, and action). */
  covers(type: string, level: string): boolean {
    return (this.def.on === 'all' || this.def.on === type) && this.levels.has(level);
  }

  /**
   * The rule for one identity (given with the attributes rules read, none empty): a predicate on resources, or
   * undefined when `when` does not match or a placeholder names an attribute the identity lacks.
   */
  bind(identity: IdentityAttributes): BoundRule | undefined {
    if (!this.appliesTo(identity)) return undefined;
    if (!this.def.where) return { rule: this, matches: always, variant: 0 };
    if (this.fixedWhere) return { rule: this, matches: this.fixedWhere, variant: 0 };
    const where = substitutePlaceholders(this.def.where, identity);
    if (!where) return undefined;
    const key = JSON.stringify(where);
    let bound = this.bound.get(key);
    if (!bound) {
      if (this.bound.size >= MAX_BOUND_CONDITIONS) this.bound.clear();
      this.bound.set(key, (bound = { rule: this, matches: compileCondition(where), variant: ++this.variants }));
    }
    return bound;
  }
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

/**
 * The values a personal attribute must equal for `when` to match: `login: x`, `login: { $eq: x }` or
 * `login: { $in: [...] }`, at the top or inside `$and`. A necessary condition only: the whole `when` is still tested.
 */
function pinnedValues(when: Record<string, unknown>): CompiledAccessRule['pinned'] {
  for (const [key, value] of Object.entries(when)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const item of value) {
        const pinned = pinnedValues(item as Record<string, unknown>);
        if (pinned) return pinned;
      }
      continue;
    }
    const attribute = key as IdentityAttribute;
    if (!PERSONAL_ATTRIBUTES.includes(attribute)) continue;
    if (typeof value === 'string') return { attribute, values: [value] };
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const operators = value as Record<string, unknown>;
    if (typeof operators.$eq === 'string') return { attribute, values: [operators.$eq] };
    if (Array.isArray(operators.$in) && operators.$in.every((item) => typeof item === 'string')) return { attribute, values: operators.$in as string[] };
  }
  return undefined;
}

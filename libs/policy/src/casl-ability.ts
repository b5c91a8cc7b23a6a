import { createMongoAbility, detectSubjectType, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { compileCondition, conditionsMatcher } from './conditions/condition-matcher.js';
import { substitutePlaceholders } from './conditions/placeholder.js';
import type { AccessRuleDef, IdentityAttributes } from './policy.types.js';

/** The rule CASL names for a question: a can rule, the cannot rule that overrode it, or null when denied by default. */
export type DecidingRule = ReturnType<MongoAbility['relevantRuleFor']>;

// Policy resources carry their type; `subject()`-tagged objects still work for callers that use CASL directly.
export const resourceType = (object: object): string =>
  typeof (object as { type?: unknown }).type === 'string' ? (object as { type: string }).type : (detectSubjectType(object) as string);

/**
 * The access rules as one CASL ability per identity: the reference semantics of the policy (AccessPolicy decides
 * the same way without building an ability per identity; its spec compares the two on random policies).
 */
export class CaslAbilities {
  private readonly rules: Array<{ def: AccessRuleDef; appliesTo: (identity: object) => boolean }>;
  private readonly origins = new WeakMap<object, AccessRuleDef>();

  constructor(accessRules: readonly AccessRuleDef[]) {
    // CASL gives priority to the rules defined last: cannot rules go last, and each group is reversed so that among
    // several matching rules the decision names the first one written.
    const ordered = [...accessRules.filter((rule) => rule.can).reverse(), ...accessRules.filter((rule) => rule.cannot).reverse()];
    this.rules = ordered.map((def) => ({ def, appliesTo: def.when ? compileCondition(def.when) : () => true }));
  }

  /** The ability of an identity given with only the attributes rules read, none of them empty. */
  build(identity: IdentityAttributes): MongoAbility {
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

  /** The policy rule a CASL rule of an ability built here came from. */
  originOf(rule: NonNullable<DecidingRule>): AccessRuleDef | undefined {
    return this.origins.get(rule.origin);
  }
}

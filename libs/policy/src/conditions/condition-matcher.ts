import { buildMongoQueryMatcher } from '@casl/ability';
import { $and, $not, $or, and, not, or } from '@ucast/mongo2js';

// CASL 7's default matcher only knows field operators; the policy format also allows $and, $or and $not, so both
// the loader (to validate) and the access policy (to decide) use this one matcher.
export const conditionsMatcher = buildMongoQueryMatcher({ $and, $or, $not }, { and, or, not });

/** Compiles a condition once into a predicate over plain objects (used for `when` on identities). */
export function compileCondition(condition: Record<string, unknown>): (object: object) => boolean {
  const matches = conditionsMatcher(condition as never);
  return (object) => matches(object as never);
}

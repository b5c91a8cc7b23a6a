import { SetMetadata } from '@nestjs/common';
import type { StaffAction, StaffSubject } from '#vigie/access-control';

export const REQUIRED_ABILITY = 'vigie:ability';

export interface RequiredAbility {
  action: StaffAction;
  subject: StaffSubject;
  /**
   * The route's use case checks each record against the caller's conditions (its definition says `checksConditions`):
   * the guard then lets a conditional rule through (an employee reading their own access). Without it, the guard asks
   * for the ability on every record of the subject: a conditional rule alone is refused with a 403.
   */
  conditionsCheckedByUseCase?: boolean;
}

/** The ability a route needs; a route without one is refused even with a valid token. */
export const RequireAbility = (action: StaffAction, subject: StaffSubject, options: { conditionsCheckedByUseCase?: boolean } = {}) =>
  SetMetadata(REQUIRED_ABILITY, { action, subject, ...options } satisfies RequiredAbility);

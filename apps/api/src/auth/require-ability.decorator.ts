import { SetMetadata } from '@nestjs/common';
import type { StaffAction, StaffSubject } from '#vigie/access-control';

export const REQUIRED_ABILITY = 'vigie:ability';

/** The ability a route needs; a route without one is refused even with a valid token. */
export const RequireAbility = (action: StaffAction, subject: StaffSubject) => SetMetadata(REQUIRED_ABILITY, { action, subject });

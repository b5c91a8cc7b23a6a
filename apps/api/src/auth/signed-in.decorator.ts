import { SetMetadata } from '@nestjs/common';

export const ANY_STAFF = 'vigie:any-staff';

/**
 * Opens a route to anyone signed in, whatever their roles: only what concerns the caller's own sign-in (who am I, sign
 * out). Every other route declares the ability it needs.
 */
export const SignedIn = () => SetMetadata(ANY_STAFF, true);

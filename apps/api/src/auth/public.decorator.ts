import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'vigie:public';

/**
 * Opens a route without credentials: the health checks, signing in (the sign-in and the OIDC redirect and callback,
 * which check their own), and the signed HR webhooks (which check their signature). Everything else is denied by default.
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);

import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'vigie:public';

/** Opens a route without a token. Only health checks use it: everything else is denied by default. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

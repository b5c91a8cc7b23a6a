import * as z from 'zod';

export const signInInput = z
  .object({
    /** `directory`: the person's directory account (auth.directory); `break-glass`: the local administrator, when enabled. */
    method: z.enum(['directory', 'break-glass']).default('directory'),
    login: z.string().trim().min(1, 'expected your login').max(256, 'expected a login of at most 256 characters'),
    password: z.string().min(1, 'expected your password').max(1024, 'expected a password of at most 1024 characters'),
  })
  .strict();

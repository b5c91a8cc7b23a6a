import * as z from 'zod';

export const revokeTokenInput = z
  .object({
    id: z.string().regex(/^[0-9a-f-]{36}$/i, 'expected a token id, as `vigie token list` shows it'),
  })
  .strict();

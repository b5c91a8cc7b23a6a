import { BadRequestException } from '@nestjs/common';
import * as z from 'zod';

const directory = z.string().min(1).max(64).optional();

const identitySchema = z.object({ directory }).strict();
const resourceSchema = z
  .object({
    directory,
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, query: Record<string, unknown>, expected: string): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues.map((i) =>
    i.code === 'unrecognized_keys' ? `unknown parameter(s) ${i.keys.join(', ')}: expected ${expected}` : `${i.path.join('.')}: ${i.message}`,
  );
  throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message });
}

/** ?directory= for an identity: needed only when a login exists in several directories. */
export const parseIdentityAccessQuery = (query: Record<string, unknown>) => parse(identitySchema, query, 'directory');

/** ?directory=&limit=&offset= for a resource's holders. */
export const parseResourceAccessQuery = (query: Record<string, unknown>) => parse(resourceSchema, query, 'directory, limit, offset');

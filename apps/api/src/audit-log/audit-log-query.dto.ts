import { BadRequestException } from '@nestjs/common';
import * as z from 'zod';
import { TRAIL_KINDS, type TrailQuery } from '#vigie/trail';

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date or time, e.g. 2026-05-01 or 2026-05-01T08:00:00Z').transform((s) => new Date(s));

const schema = z
  .object({
    actor: z.string().min(1).max(256).optional(),
    target: z.string().min(1).max(1024).optional(),
    action: z.string().regex(/^[a-z][a-z0-9.-]*\*?$/, 'expected an action such as auth.failed, or a prefix such as auth.*').optional(),
    kind: z.enum(TRAIL_KINDS).optional(),
    from: instant.optional(),
    to: instant.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** Parses ?actor=&target=&action=&kind=&from=&to=&cursor=&limit=; a bad value is a 400 that names it. */
export function parseAuditLogQuery(query: Record<string, unknown>): TrailQuery {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) =>
      i.code === 'unrecognized_keys' ? `unknown parameter(s) ${i.keys.join(', ')}: expected actor, target, action, kind, from, to, cursor, limit` : `${i.path.join('.')}: ${i.message}`,
    );
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: details });
  }
  if (parsed.data.from && parsed.data.to && parsed.data.from > parsed.data.to) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['from: must not be after to'] });
  }
  return parsed.data;
}

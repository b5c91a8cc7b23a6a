import { BadRequestException } from '@nestjs/common';
import * as z from 'zod';
import { FINDING_STATUSES, type FindingFilter, type Page, SEVERITIES } from '#vigie/audit';

const list = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean));

const schema = z
  .object({
    rule: list.pipe(z.array(z.string().regex(/^[HGR]-[A-Z0-9-]+$/, 'expected rule ids such as H-PWD-NEVER-EXPIRES'))).optional(),
    severity: list.pipe(z.array(z.enum(SEVERITIES))).optional(),
    status: list.pipe(z.array(z.enum(FINDING_STATUSES as [string, ...string[]]))).optional(),
    directory: z.string().max(64).optional(),
    login: z.string().max(256).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

/** Parses ?rule=&severity=&directory=&login=&limit=&offset=; a bad value is a 400 that names it. */
export function parseFindingsQuery(query: Record<string, unknown>): { filter: FindingFilter; page: Page } {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) =>
      i.code === 'unrecognized_keys' ? `unknown parameter(s) ${i.keys.join(', ')}: expected rule, severity, status, directory, login, limit, offset` : `${i.path.join('.')}: ${i.message}`,
    );
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: details });
  }
  const { limit, offset, ...filter } = parsed.data;
  return { filter, page: { limit, offset } };
}

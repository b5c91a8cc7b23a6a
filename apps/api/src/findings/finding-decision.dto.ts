import { BadRequestException } from '@nestjs/common';
import * as z from 'zod';

const acknowledge = z.object({ reason: z.string() }).strict();
const acceptRisk = z.object({ reason: z.string(), until: z.string().regex(/^\d{4}-\d{2}-\d{2}(T.*)?$/, 'expected a date, YYYY-MM-DD') }).strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: r.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : `${i.path.join('.') || 'body'}: ${i.message}`)) });
  }
  return r.data;
}

export const parseAcknowledge = (body: unknown) => parse(acknowledge, body);
export const parseAcceptRisk = (body: unknown) => {
  const { reason, until } = parse(acceptRisk, body);
  return { reason, until: new Date(until) };
};

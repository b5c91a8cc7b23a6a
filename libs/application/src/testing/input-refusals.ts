import type * as z from 'zod';
import { describeInputIssues } from '../composition/input-issues.js';

/**
 * Why a use case's schema refuses an input, as `vigie.run` reports it (one line per problem, naming the field).
 * Fails the spec when the schema accepts the input.
 */
export function refusalsOf(schema: z.ZodType, input: unknown): string[] {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error(`the schema accepted ${JSON.stringify(input)}: expected it to refuse it`);
  return describeInputIssues(parsed.error);
}

/** What a use case receives once its schema has parsed an input; fails the spec when the schema refuses it. */
export function parsedBy<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new Error(`the schema refused ${JSON.stringify(input)}: ${describeInputIssues(parsed.error).join('; ')}`);
  return parsed.data;
}

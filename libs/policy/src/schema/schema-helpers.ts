import * as z from 'zod';
import { type ConditionScope, validateCondition } from '../conditions/condition-validator.js';
import { describeZodIssues } from '../loader/zod-issue-messages.js';
import { CONDITION_OPERATORS, POLICY_API_VERSION } from '../policy-vocabulary.js';

/**
 * A strict object whose unknown-field error lists the fields it expects (the loader prefixes the field name):
 * a misspelt `critcality` must fail loudly, not be dropped.
 */
export function strictObject<T extends z.ZodRawShape>(shape: T) {
  const expected = `expected one of: ${Object.keys(shape).join(', ')}`;
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? expected : undefined),
  });
}

export const nonEmptyString = () => z.string().min(1, 'must not be empty');

/**
 * A calendar date written YYYY-MM-DD, kept as that text: YAML 1.2 reads it as a string, and a date without time or
 * zone says what a person means by "reviewed on". 2026-02-30 is refused, not rolled over to March.
 */
export const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD, such as 2026-10-01')
    .superRefine((value, ctx) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return; // the pattern said what is wrong
      const date = new Date(`${value}T00:00:00Z`);
      if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
        ctx.addIssue({ code: 'custom', message: `${value} is not a date of the calendar: write an existing day as YYYY-MM-DD` });
      }
    });

/** The three keys every policy file starts with. */
export function documentHeader<K extends string>(kind: K, schemaFile: string) {
  return {
    $schema: z.string().optional().describe(`Relative path to ${schemaFile}, so editors validate the file.`),
    apiVersion: z.literal(POLICY_API_VERSION),
    kind: z.literal(kind),
  };
}

/** A MongoDB-style condition; operators and fields are checked by validateCondition (not expressible in JSON Schema). */
export function conditionSchema(scope: ConditionScope, description: string) {
  return z
    .record(z.string(), z.unknown())
    .superRefine((condition, ctx) => {
      for (const issue of validateCondition(condition, scope)) {
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      }
    })
    .describe(`${description} Operators: ${CONDITION_OPERATORS.join(', ')}.`);
}

/**
 * Validates a nested value with its own schema (chosen at run time, e.g. by rule id) and reports its issues under
 * `path`, already worded, so they read like the issues of the enclosing schema.
 */
export function forwardIssues(schema: z.ZodType, value: unknown, path: PropertyKey[], ctx: z.RefinementCtx): void {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.error) return;
  for (const { path: inner, target, message } of describeZodIssues(result.error.issues)) {
    ctx.addIssue({ code: 'custom', path: [...path, ...inner], message, params: { target } });
  }
}

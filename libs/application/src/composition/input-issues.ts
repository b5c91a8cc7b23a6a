import type * as z from 'zod';

/** Each problem of an input, as one line that names the field: `until: expected a date, YYYY-MM-DD`. */
export function describeInputIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.join(', ')}`;
    const where = i.path.map(String).join('.');
    return where ? `${where}: ${i.message}` : i.message;
  });
}

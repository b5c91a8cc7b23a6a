import type * as z from 'zod';

/** Each problem of an input, as one line that names the field: `until: expected a date, YYYY-MM-DD`. */
export function describeInputIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const where = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys') return `${where ? `${where}: ` : ''}unknown field(s) ${i.keys.join(', ')}`;
    return where ? `${where}: ${i.message}` : i.message;
  });
}

/**
 * Where the input holds a NUL character (`a.b.2`, or '' for the input itself), or null: PostgreSQL refuses it in text
 * (a 500 instead of a 400), and no name, DN, login or identifier of a directory holds one.
 */
export function nulCharacterAt(value: unknown, path: readonly (string | number)[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = nulCharacterAt(value[i], [...path, i]);
      if (at !== null) return at;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, v] of Object.entries(value)) {
      const at = key.includes('\u0000') ? [...path, key.replaceAll('\u0000', '\\0')].join('.') : nulCharacterAt(v, [...path, key]);
      if (at !== null) return at;
    }
  }
  return null;
}

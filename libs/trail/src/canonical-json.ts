/**
 * Canonical JSON (the rules of RFC 8785, JCS, for the values Vigie writes): object keys sorted by UTF-16 code
 * units, no whitespace, strings and numbers as ECMAScript's JSON.stringify writes them. The same value always
 * gives the same text, whatever the key order PostgreSQL's jsonb hands back, so a hash over it can be checked
 * years later from the stored columns alone.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no representation for ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(
          `canonical JSON takes plain objects only, got ${(value as object).constructor?.name ?? 'an object'}: normalize it first (toJsonValue)`,
        );
      }
      const obj = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(obj).sort()) {
        if (obj[key] === undefined) continue;
        parts.push(`${JSON.stringify(key)}:${canonicalJson(obj[key])}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no representation for a ${typeof value}`);
  }
}

/**
 * The value as PostgreSQL's jsonb will give it back: Dates become ISO strings, undefined is dropped, and
 * NUL characters (which jsonb refuses) become U+FFFD. What is hashed is exactly what is stored.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v === 'number' && !Number.isFinite(v)) return null;
    return v;
  });
  if (text === undefined) return null;
  return JSON.parse(text.includes('\\u0000') ? text.replace(/\\u0000/g, '\\ufffd') : text);
}

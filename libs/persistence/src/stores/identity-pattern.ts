/**
 * PostgreSQL regular expressions that find a form of a person's identity as a whole word, in any case and with or
 * without accents: "Hélène Lefèvre" also finds "HELENE LEFEVRE" and "hélène lefevre". Case is folded here rather than
 * by the `i` flag, which folds ASCII letters only under the "C" collation of the DN columns.
 */

/** Letters written with or without an accent in the names Vigie meets (French first). */
const ACCENTED: Record<string, string> = {
  a: 'aàáâãäå',
  c: 'cç',
  e: 'eèéêë',
  i: 'iìíîï',
  n: 'nñ',
  o: 'oòóôõö',
  u: 'uùúûü',
  y: 'yýÿ',
};

/** The letter without its accent, in lower case. */
function baseOf(ch: string): string {
  return ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** One character of the form as a bracket expression of its variants, or escaped (the same in both dialects). */
function charPattern(ch: string, js: boolean): string {
  const base = baseOf(ch);
  const variants = ACCENTED[base] ?? (ch.toLowerCase() !== ch.toUpperCase() ? ch.toLowerCase() : '');
  if (variants) {
    const all = new Set([...variants, ...variants.toUpperCase(), ch, ch.toLowerCase(), ch.toUpperCase()]);
    return `[${[...all].join('')}]`;
  }
  if (/\s/.test(ch)) return js ? '\\s+' : '[[:space:]]+';
  return /[\^$\\.*+?()[\]{}|]/.test(ch) ? `\\${ch}` : ch;
}

/**
 * The form as a whole word: not inside a longer login or name (a letter, digit or underscore, accented letters
 * included, on either side). `json` matches the form as it is written inside a JSON string (quotes and backslashes
 * escaped).
 */
export function identityPattern(form: string, options: { json?: boolean } = {}): string {
  const text = options.json ? JSON.stringify(form.trim()).slice(1, -1) : form.trim();
  const word = `[[:alnum:]_${Object.values(ACCENTED).join('')}${Object.values(ACCENTED).join('').toUpperCase()}]`;
  const body = [...text].map((ch) => charPattern(ch, false)).join('');
  return `(?<!${word})${body}(?!${word})`;
}

/** The same pattern for JavaScript, to replace inside the strings of a JSON value (never inside its numbers). */
export function identityRegExp(form: string): RegExp {
  const word = '[\\p{L}\\p{N}_]';
  const body = [...form.trim()].map((ch) => charPattern(ch, true)).join('');
  return new RegExp(`(?<!${word})${body}(?!${word})`, 'gu');
}

/** The replacement as PostgreSQL's regexp_replace reads it (only the backslash is special), inside JSON when asked. */
export function replacementText(by: string, options: { json?: boolean } = {}): string {
  const text = options.json ? JSON.stringify(by).slice(1, -1) : by;
  return text.replace(/\\/g, '\\\\');
}

import { VigieError } from '#vigie/common';

/**
 * A joiner's login from their names and the company's pattern (config hr.loginPattern): {first} {last} the whole
 * names, {f} {l} their first letters. Names are folded to [a-z0-9]: accents removed, letters without a decomposition
 * (ß, æ, œ, ø, đ, ł...) spelt out, and spaces, hyphens and apostrophes dropped, so that particles stay as letters
 * ("de La Fontaine" → delafontaine). The pattern's own separators (. - _) are kept; the result is cut to the maximum
 * length, and a login already taken gets 2, 3... within that length.
 */

// Letters NFD leaves whole: what a French (or Nordic, Vietnamese, Polish...) name may hold, as ASCII.
const SPELT: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ĸ: 'k',
  ŀ: 'l',
  ŋ: 'n',
  ħ: 'h',
};

/** A name as login letters: lower case, accents off, anything but [a-z0-9] dropped. */
export function foldName(name: string): string {
  const lower = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return [...lower]
    .map((c) => SPELT[c] ?? c)
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

export interface LoginPattern {
  pattern: string;
  maxLength: number;
}

/** The login the pattern makes of the names, before any collision; empty when the names give no letter. */
export function baseLogin(names: { firstName: string | null; lastName: string | null }, { pattern, maxLength }: LoginPattern): string {
  const first = foldName(names.firstName ?? '');
  const last = foldName(names.lastName ?? '');
  const filled = pattern.replace(/\{(first|last|f|l)\}/g, (_, part: string) =>
    part === 'first' ? first : part === 'last' ? last : part === 'f' ? first.slice(0, 1) : last.slice(0, 1),
  );
  // The pattern's literal text goes through the same fold; separators a missing name leaves are trimmed.
  const login = filled
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '')
    .replace(/([._-])[._-]+/g, '$1')
    .replace(/^[._-]+/, '');
  return trimEnd(login.slice(0, maxLength));
}

/**
 * The first login not taken: the base, then base2, base3... each cut so that it holds with its number within
 * maxLength. `taken` answers for one candidate (the directory and Vigie's own people are asked).
 */
export async function freeLogin(base: string, maxLength: number, taken: (login: string) => Promise<boolean>, maxTries = 99): Promise<string> {
  if (!base) throw new VigieError('invalid-input', 'no login can be built: the first and last names hold no letter or digit; correct them in the HR system');
  if (!(await taken(base))) return base;
  for (let n = 2; n <= maxTries + 1; n++) {
    const suffix = String(n);
    const candidate = trimEnd(base.slice(0, maxLength - suffix.length)) + suffix;
    if (!(await taken(candidate))) return candidate;
  }
  throw new VigieError('conflict', `every login from ${base} to ${base}${maxTries + 1} is taken: create this account by hand`);
}

/** A login does not end with a separator (AD refuses a final dot). */
function trimEnd(login: string): string {
  return login.replace(/[._-]+$/, '');
}

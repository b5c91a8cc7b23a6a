import { randomInt } from 'node:crypto';

// No look-alikes (0 O 1 l I), and symbols that need no quoting in LDAP filters, DNs, LDIF, shells or AD's unicodePwd
// (no " \ , ; = + < > # * ( ) & | ! ' ` $ space): a password read over the phone and pasted anywhere stays the same.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '-_.:@%?^~[]{}/';
const ALL = UPPER + LOWER + DIGITS + SYMBOLS;

export const PASSWORD_ALPHABET = { UPPER, LOWER, DIGITS, SYMBOLS } as const;

/**
 * An initial password of `length` characters (at least 16) drawn with crypto.randomInt: one of each class AD's
 * complexity asks for (upper, lower, digit, symbol), the rest from all of them, shuffled (Fisher-Yates). It never
 * holds the login or the names (AD refuses a password containing the sAMAccountName or displayName parts): its
 * letters are random, and a draw that happens to hold 3+ characters of one of `avoid` is drawn again.
 */
export function generatePassword(length = 20, avoid: readonly string[] = []): string {
  const size = Math.max(16, length);
  for (;;) {
    const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < size) chars.push(pick(ALL));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    const lower = password.toLowerCase();
    if (!avoid.some((token) => token.length >= 3 && lower.includes(token.toLowerCase()))) return password;
  }
}

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)]!;
}

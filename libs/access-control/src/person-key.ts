import type { StaffPerson } from './staff.model.js';

/**
 * A person as abilities' conditions compare them: `<directory>:<DN in a canonical spelling>`. One spelling per person
 * whatever the DN's case or the spaces around its separators, so that "the requester is me" holds however each side
 * wrote the DN. Not the directory library's full normalisation (that library imports this one: the cycle is refused);
 * both sides come from the same directory server, which spells a DN the same way but for case and spacing.
 */
export function personKey(person: Pick<StaffPerson, 'directory' | 'dn'>): string {
  return `${person.directory}:${canonicalDn(person.dn)}`;
}

/** Compatibility-normalised, lower-cased, without spaces around an unescaped `,`, `=` or `+`. */
function canonicalDn(dn: string): string {
  return dn
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s*(?<!\\)([,=+])\s*/g, '$1')
    .trim();
}

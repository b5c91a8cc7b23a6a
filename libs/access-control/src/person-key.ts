import { normalizeDn } from '#vigie/directory';
import type { StaffPerson } from './staff.model.js';

/**
 * A person as abilities' conditions compare them: `<directory>:<normalized DN>`. One spelling per person whatever the
 * DN's case or spacing, so that "the requester is me" holds however each side wrote the DN.
 */
export function personKey(person: Pick<StaffPerson, 'directory' | 'dn'>): string {
  let dn: string;
  try {
    dn = normalizeDn(person.dn);
  } catch {
    // A DN the parser refuses still names one person; compared as written, lower-cased.
    dn = person.dn.toLowerCase();
  }
  return `${person.directory}:${dn}`;
}

import { VigieError } from '#vigie/common';
import { parseDn } from '../dn.js';
import type { AccountChanges } from './directory-writer.port.js';

/**
 * The attribute each change is written to, per directory. OpenLDAP's inetOrgPerson has no `department`: its
 * departmentNumber (a free string) holds the department's name. Values are checked, not escaped (LDAP carries them as
 * octet strings); a manager must be a DN, parsed here.
 */
const ATTRIBUTES: Record<keyof AccountChanges, { ad: string; ldap: string }> = {
  givenName: { ad: 'givenName', ldap: 'givenName' },
  surname: { ad: 'sn', ldap: 'sn' },
  displayName: { ad: 'displayName', ldap: 'displayName' },
  mail: { ad: 'mail', ldap: 'mail' },
  title: { ad: 'title', ldap: 'title' },
  department: { ad: 'department', ldap: 'departmentNumber' },
  managerDn: { ad: 'manager', ldap: 'manager' },
};

/** Each attribute to replace with its values (none: removed). */
export function accountReplacements(kind: 'ldap' | 'ad', changes: AccountChanges): Array<{ type: string; values: string[] }> {
  const out: Array<{ type: string; values: string[] }> = [];
  for (const [key, value] of Object.entries(changes) as [keyof AccountChanges, string | null | undefined][]) {
    const names = ATTRIBUTES[key];
    if (!names || value === undefined) continue;
    if (value !== null && typeof value !== 'string') throw new VigieError('invalid-input', `the account's ${key} must be text`);
    if (value !== null && [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
      throw new VigieError('invalid-input', `the account's ${key} holds a control character (a line break, a NUL...): remove it`);
    }
    const text = value?.trim() || null;
    if (key === 'surname' && !text) throw new VigieError('invalid-input', "the account's surname cannot be removed: give one");
    if (key === 'managerDn' && text && parseDn(text).length === 0) throw new VigieError('invalid-input', `"${text}" is not a DN: give the manager's DN`);
    out.push({ type: names[kind], values: text ? [text] : [] });
  }
  return out;
}

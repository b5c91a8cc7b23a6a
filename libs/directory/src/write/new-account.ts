import { VigieError } from '#vigie/common';
import { escapeDnValue, parseDn } from '../dn.js';
import type { NewAccount } from './directory-writer.port.js';

/** An entry to add: its DN and its attributes, values as plain text (the protocol carries them as they are). */
export interface NewEntry {
  dn: string;
  attributes: Record<string, string[]>;
}

// NORMAL_ACCOUNT (0x200) | ACCOUNTDISABLE (0x2): no one signs in before a password is set and the account enabled.
const AD_DISABLED_USER = '514';
// Characters AD refuses in a sAMAccountName (MS-ADTS 3.1.1.4.5.29 and Microsoft's naming conventions).
const SAM_FORBIDDEN = /["/\\[\]:;|=,+*?<>@]/;
// Control characters have no place in a name, and a NUL or a line break in a value is an injection attempt.
const hasControl = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/**
 * The entry of a new person's account. AD: `CN=<common name>` of objectClass user, disabled (514), with sAMAccountName
 * and userPrincipalName. OpenLDAP: `uid=<login>` of objectClass inetOrgPerson. The RDN value is escaped (RFC 4514);
 * the other values are checked, not escaped: LDAP carries them as octet strings.
 */
export function newAccountEntry(kind: 'ldap' | 'ad', spec: NewAccount): NewEntry {
  const given = optional(spec.givenName, 'givenName');
  const surname = required(spec.surname, 'surname');
  const login = checkLogin(kind, spec.login);
  const fullName = given ? `${given} ${surname}` : surname;
  const commonName = optional(spec.commonName, 'commonName') ?? fullName;
  const displayName = optional(spec.displayName, 'displayName') ?? fullName;
  parseDn(spec.parentDn); // an InvalidDnError (invalid-input) names what is wrong
  const attributes: Record<string, string[]> = { cn: [commonName], sn: [surname], displayName: [displayName] };
  if (given) attributes.givenName = [given];
  const mail = optional(spec.mail, 'mail');
  if (mail) attributes.mail = [mail];
  const employeeId = optional(spec.employeeId, 'employeeId');

  if (kind === 'ad') {
    if (employeeId) attributes.employeeID = [employeeId];
    return {
      dn: `${rdn('CN', commonName)},${spec.parentDn}`,
      attributes: {
        objectClass: ['top', 'person', 'organizationalPerson', 'user'],
        ...attributes,
        sAMAccountName: [login],
        userPrincipalName: [optional(spec.userPrincipalName, 'userPrincipalName') ?? `${login}@${dnsDomainOf(spec.parentDn)}`],
        userAccountControl: [AD_DISABLED_USER],
      },
    };
  }
  if (employeeId) attributes.employeeNumber = [employeeId];
  return {
    dn: `${rdn('uid', login)},${spec.parentDn}`,
    attributes: { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], uid: [login], ...attributes },
  };
}

/**
 * One `type=value` RDN, the value escaped with escapeDnValue and its `=` escaped too: RFC 4514 lets a value carry a bare
 * `=`, but Samba's DN parser refuses it (`invalid dn`), and `\=` means the same to every server.
 */
export function rdn(type: string, value: string): string {
  return `${type}=${escapeDnValue(value).replace(/=/g, '\\=')}`;
}

/** What AD wants in unicodePwd: the password in double quotes, encoded UTF-16LE (MS-ADTS 3.1.1.3.1.5.1). */
export function unicodePwd(password: string): Buffer {
  return Buffer.from(`"${password}"`, 'utf16le');
}

/** The DNS domain an AD DN lies in, from its dc= parts: `OU=Staff,DC=acme,DC=test` → `acme.test`. */
export function dnsDomainOf(dn: string): string {
  const labels = parseDn(dn)
    .filter((rdn) => rdn.length === 1 && rdn[0]!.type.toLowerCase() === 'dc')
    .map((rdn) => rdn[0]!.value);
  if (labels.length === 0) {
    throw new VigieError('invalid-input', `cannot tell the domain of ${dn} (it has no DC= part): give the account's userPrincipalName`);
  }
  return labels.join('.');
}

function checkLogin(kind: 'ldap' | 'ad', value: string): string {
  const login = required(value, 'login');
  if (kind === 'ad') {
    if (login.length > 20) throw new VigieError('invalid-input', `the login "${login}" is longer than the 20 characters of a sAMAccountName: shorten it`);
    if (SAM_FORBIDDEN.test(login) || login.endsWith('.')) {
      throw new VigieError(
        'invalid-input',
        `the login "${login}" holds a character AD refuses in a sAMAccountName (" / \\ [ ] : ; | = , + * ? < > @, or a final dot): remove it`,
      );
    }
  }
  if (/\s/.test(login)) throw new VigieError('invalid-input', `the login "${login}" holds a space: logins are one word`);
  return login;
}

function required(value: string | undefined, field: string): string {
  const text = optional(value, field);
  if (!text) throw new VigieError('invalid-input', `the account's ${field} is empty: give one`);
  return text;
}

function optional(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new VigieError('invalid-input', `the account's ${field} must be text`);
  if (hasControl(value)) throw new VigieError('invalid-input', `the account's ${field} holds a control character (a line break, a NUL...): remove it`);
  const text = value.trim();
  return text || undefined;
}

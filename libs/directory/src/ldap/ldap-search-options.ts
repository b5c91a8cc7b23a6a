import { FilterParser } from 'ldapts';
import type { LdapDirectorySource } from '../directory-source.js';
import { InvalidDirectorySourceError } from '../errors.js';

/** Accounts: AD users and computers (computer derives from person), OpenLDAP persons and POSIX accounts. */
export const DEFAULT_USER_FILTER = '(|(objectClass=person)(objectClass=inetOrgPerson)(objectClass=posixAccount))';
/** AD groups and the three OpenLDAP group schemas. */
export const DEFAULT_GROUP_FILTER = '(|(objectClass=group)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))';
/** What else an audit places principals and resources in: OUs, published printers and shares, foreign principals. */
export const DEFAULT_OTHER_FILTER =
  '(|(objectClass=organizationalUnit)(objectClass=printQueue)(objectClass=volume)(objectClass=foreignSecurityPrincipal)(objectClass=pwdPolicy))';

/** The default filter, flat, as it reads in the documentation. */
export const DEFAULT_FILTER =
  '(|(objectClass=person)(objectClass=inetOrgPerson)(objectClass=posixAccount)(objectClass=group)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup)(objectClass=organizationalUnit)(objectClass=printQueue)(objectClass=volume)(objectClass=foreignSecurityPrincipal)(objectClass=pwdPolicy))';

/**
 * The search filter for a source: the default, or the default with its account or group part
 * replaced by the source's own. Throws InvalidDirectorySourceError for a filter that does not parse.
 */
export function searchFilterFor(source: LdapDirectorySource): string {
  if (!source.userFilter && !source.groupFilter) return DEFAULT_FILTER;
  const user = source.userFilter ? checkedFilter(source, 'userFilter', source.userFilter) : DEFAULT_USER_FILTER;
  const group = source.groupFilter ? checkedFilter(source, 'groupFilter', source.groupFilter) : DEFAULT_GROUP_FILTER;
  return `(|${user}${group}${DEFAULT_OTHER_FILTER})`;
}

/**
 * The same entries as searchFilterFor's, in two searches: the groups first, then the accounts and
 * the rest. Groups are few entries but hold most of a read's values; read first, their memberships
 * are written while the accounts are read. An entry both filters match (an rfc2307bis posixGroup
 * can be an auxiliary class of an account) comes back twice: the reader skips it the second time.
 * Not `(!group)` in the second filter: on OpenLDAP, `objectClass=group` is Undefined (no such
 * class), and so is its negation, which would match nothing (RFC 4511 §4.5.1.7).
 */
export function groupsFirstFilters(source: LdapDirectorySource): [groups: string, rest: string] {
  const user = source.userFilter ? checkedFilter(source, 'userFilter', source.userFilter) : DEFAULT_USER_FILTER;
  const group = source.groupFilter ? checkedFilter(source, 'groupFilter', source.groupFilter) : DEFAULT_GROUP_FILTER;
  return [group, `(|${user}${DEFAULT_OTHER_FILTER})`];
}

function checkedFilter(source: LdapDirectorySource, option: string, filter: string): string {
  const text = filter.trim().startsWith('(') ? filter.trim() : `(${filter.trim()})`;
  try {
    // ldapts forgives a missing closing paren; spliced into the OR it would unbalance the whole
    // filter, so balance is checked first (in a filter, parens in values are escaped as \28 \29).
    if (!balanced(text)) throw new Error('unbalanced parentheses');
    FilterParser.parseString(text);
  } catch (error) {
    throw new InvalidDirectorySourceError(
      source.name,
      `${option} "${filter}" is not an LDAP filter (${error instanceof Error ? error.message : String(error)})`,
      `Check ${option}: it must follow RFC 4515, e.g. (&(objectClass=user)(!(objectClass=computer)))`,
    );
  }
  return text;
}

function balanced(filter: string): boolean {
  let depth = 0;
  for (const c of filter) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * The attributes the sync maps into its model (libs/identity's entry mapper reads no other), in
 * their schema spelling. Named, not `*`: a directory may hold bulky attributes nobody audits
 * (photos, certificates, Exchange's), and OpenLDAP keeps what an audit needs in operational
 * attributes, which `*` leaves out: identity (entryUUID), history (timestamps), password policy
 * state (ppolicy) and last activity (pwdLastSuccess from ppolicy, authTimestamp from
 * slapo-lastbind). memberOf is left out: it repeats the groups' member values (half the values of
 * a typical read). A server ignores the names its schema lacks (RFC 4511 §4.5.1.8), so one list
 * serves AD and OpenLDAP. `member` stays plain: asking for `member;range=...` makes Samba answer
 * no values at all; large groups come back ranged all the same.
 */
export const SYNC_ATTRIBUTES: readonly string[] = [
  // every kind
  'objectClass',
  'cn',
  'description',
  'mail',
  'managedBy',
  'objectGUID',
  'objectSid',
  'entryUUID',
  'whenCreated',
  'whenChanged',
  'createTimestamp',
  'modifyTimestamp',
  // accounts
  'sAMAccountName',
  'uid',
  'userAccountControl',
  'pwdLastSet',
  'lastLogonTimestamp',
  'accountExpires',
  'adminCount',
  'servicePrincipalName',
  'sIDHistory',
  'msDS-SupportedEncryptionTypes',
  'ms-Mcs-AdmPwdExpirationTime',
  'msLAPS-PasswordExpirationTime',
  'operatingSystem',
  'operatingSystemVersion',
  'dNSHostName',
  'primaryGroupID',
  'displayName',
  'employeeID',
  'employeeNumber',
  'employeeType',
  'department',
  'departmentNumber',
  'ou',
  'title',
  'l',
  'physicalDeliveryOfficeName',
  'manager',
  'info',
  'pwdChangedTime',
  'pwdLastSuccess',
  'authTimestamp',
  'pwdAccountLockedTime',
  // OpenLDAP password policy overlay (ppolicy): the account's policy, its validity window, failures and grace logins
  'pwdPolicySubentry',
  'pwdStartTime',
  'pwdEndTime',
  'pwdFailureTime',
  'pwdGraceUseTime',
  // AD failed sign-ins and lockout (badPwdCount and badPasswordTime are per domain controller, never replicated)
  'badPwdCount',
  'badPasswordTime',
  'lockoutTime',
  // password policy entries (ppolicy's pwdPolicy class)
  'pwdMaxAge',
  // groups
  'groupType',
  'gidNumber',
  'member',
  'uniqueMember',
  'memberUid',
  // printers and shares
  'uNCName',
  'serverName',
  'shortServerName',
  'printerName',
  'location',
];

/** What an OpenLDAP read asks for (the same list as AD's: see SYNC_ATTRIBUTES). */
export const OPENLDAP_ATTRIBUTES: readonly string[] = SYNC_ATTRIBUTES;

/** What an AD read asks for: on AD, `*` would add every stored attribute, photos and certificates included. */
export const AD_ATTRIBUTES: readonly string[] = SYNC_ATTRIBUTES;

export function attributesFor(source: LdapDirectorySource): string[] {
  return [...(source.kind === 'ad' ? AD_ATTRIBUTES : OPENLDAP_ATTRIBUTES)];
}

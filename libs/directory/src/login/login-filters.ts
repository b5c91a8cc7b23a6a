import { AndFilter, EqualityFilter, ExtensibleFilter, type Filter, OrFilter, PresenceFilter } from 'ldapts';

/**
 * The search filters of directory sign-in, built as filter objects and never as text: every value a person typed
 * (the login) or a directory returned (a DN) travels as the literal bytes of one assertion value in the BER request,
 * so `*)(uid=*` is a login with parentheses and a star in it, not a filter (RFC 4515 escaping is what the objects'
 * toString() shows). Also ldapts' text parser turns `\xx` escapes into characters, not bytes.
 */

/** Longer logins are refused before any request: no directory has such names, and it bounds what is sent. */
export const MAX_LOGIN_LENGTH = 256;
// C0 and C1 controls, DEL included: never part of a login, and NUL would end a C string on the server.
const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

/** AD's LDAP_MATCHING_RULE_IN_CHAIN: membership followed through nested groups, on the server. */
export const IN_CHAIN_RULE = '1.2.840.113556.1.4.1941';

/** Whether a login may be searched for at all: not empty, at most 256 characters, no control character. */
export function isSearchableLogin(login: string): boolean {
  return typeof login === 'string' && login.length > 0 && login.length <= MAX_LOGIN_LENGTH && ![...login].some((c) => isControl(c.codePointAt(0)!));
}

/** The attribute a login is matched with: the configured one, else sAMAccountName on AD and uid on OpenLDAP. */
export function loginAttributeFor(kind: 'ldap' | 'ad', configured?: string): string {
  return configured || (kind === 'ad' ? 'sAMAccountName' : 'uid');
}

/** What makes an entry a person's account: a user (not a computer: objectCategory person) on AD, any entry elsewhere. */
export function accountKindFilter(kind: 'ldap' | 'ad'): Filter {
  if (kind === 'ldap') return new PresenceFilter({ attribute: 'objectClass' });
  return new AndFilter({
    filters: [new EqualityFilter({ attribute: 'objectCategory', value: 'person' }), new EqualityFilter({ attribute: 'objectClass', value: 'user' })],
  });
}

/** The account whose login attribute equals `login`, exactly (no substring, no wildcard). */
export function accountFilter(kind: 'ldap' | 'ad', loginAttribute: string, login: string): Filter {
  const byLogin = new EqualityFilter({ attribute: loginAttribute, value: login });
  if (kind === 'ldap') return byLogin;
  return new AndFilter({ filters: [...(accountKindFilter(kind) as AndFilter).filters, byLogin] });
}

/** AD: the groups that hold any of `memberDns`, directly or through nested groups. */
export function adNestedGroupsFilter(memberDns: readonly string[]): Filter {
  const chains = memberDns.map((dn) => new ExtensibleFilter({ matchType: 'member', rule: IN_CHAIN_RULE, value: dn }));
  return new AndFilter({
    filters: [new EqualityFilter({ attribute: 'objectClass', value: 'group' }), chains.length === 1 ? chains[0]! : new OrFilter({ filters: chains })],
  });
}

/** AD: the group of this SID (the primary group, from the domain's SID and primaryGroupID). */
export function adGroupBySidFilter(sid: Buffer): Filter {
  return new AndFilter({
    filters: [new EqualityFilter({ attribute: 'objectClass', value: 'group' }), new EqualityFilter({ attribute: 'objectSid', value: sid })],
  });
}

/**
 * OpenLDAP: the groups that list any of `memberDns` in member (groupOfNames) or uniqueMember (groupOfUniqueNames), and,
 * given `uid`, the posixGroups that list it in memberUid. A term whose attribute the schema lacks is Undefined, which
 * an OR skips (RFC 4511 §4.5.1.7), so one filter serves every schema.
 */
export function openLdapGroupsFilter(memberDns: readonly string[], uid?: string): Filter {
  const terms: Filter[] = memberDns.flatMap((dn) => [
    new EqualityFilter({ attribute: 'member', value: dn }),
    new EqualityFilter({ attribute: 'uniqueMember', value: dn }),
  ]);
  if (uid !== undefined) terms.push(new EqualityFilter({ attribute: 'memberUid', value: uid }));
  return new OrFilter({ filters: terms });
}

/**
 * How to reach one directory. Plain data: the application's configuration layer builds it (and
 * resolves the password from its variable); this library never reads configuration itself.
 */
export type DirectorySource = LdapDirectorySource | LdifDirectorySource;

/** An LDAP server: OpenLDAP-like (`ldap`) or Active Directory / Samba AD (`ad`). */
export interface LdapDirectorySource {
  kind: 'ldap' | 'ad';
  /** The directory's name in Vigie, e.g. `corp-ad`. */
  name: string;
  /** `ldap://host[:port]` or `ldaps://host[:port]`: scheme, host and port only. */
  url: string;
  /** DN to bind as; anonymous read when absent. */
  bindDn?: string;
  bindPassword?: string;
  /** Where the search starts, e.g. `dc=acme,dc=test`. */
  baseDn: string;
  /** Entries per page of the paged search. Default 1000 (AD's MaxPageSize). */
  pageSize?: number;
  /** Connection and per-operation timeout. Default 10000. */
  timeoutMs?: number;
  /** Upgrade an `ldap://` connection with StartTLS before binding. */
  startTls?: boolean;
  /** PEM file of the CA that signed the server's certificate; the system CAs when absent. */
  caFile?: string;
  /** Replaces the part of the default filter that selects accounts (persons, computers). */
  userFilter?: string;
  /** Replaces the part of the default filter that selects groups. */
  groupFilter?: string;
  /**
   * OpenLDAP: the DN of the default password policy (ppolicy's olcPPolicyDefault), the policy of every account
   * without pwdPolicySubentry. Read from cn=config when the bind account may; this setting wins over it.
   */
  passwordPolicyDn?: string;
}

/** An LDIF export (slapcat, ldapsearch -L, ldifde) read from a file. */
export interface LdifDirectorySource {
  kind: 'ldif';
  name: string;
  file: string;
}

export const DEFAULT_PAGE_SIZE = 1000;
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Whether a bind with this source would send its password unencrypted (plain `ldap://` without
 * StartTLS). Not refused here, since test servers often run so, but worth a warning or a finding.
 */
export function sendsPasswordInClear(source: LdapDirectorySource): boolean {
  return Boolean(source.bindDn) && source.url.toLowerCase().startsWith('ldap://') && !source.startTls;
}

/**
 * A person's account as the directory they sign in with knows it, at the moment of the bind or of a re-read: what the
 * session's roles are mapped from.
 */
export interface DirectoryLoginAccount {
  /** The configured directory's name (`corp-ad`). */
  directory: string;
  /** The account's DN as the directory returned it. */
  dn: string;
  /** sAMAccountName on AD, uid on OpenLDAP. */
  login: string;
  /** displayName, or cn: personal data, for the session and the trail's erasable part only. */
  displayName: string;
  /**
   * DNs of every group the account is a member of, nesting followed (and the primary group on AD), normalised with
   * the directory library's DN normaliser so that they compare with the DNs of the configuration.
   */
  groups: string[];
}

/**
 * Signing a person in with their directory account (bind as them over LDAPS or StartTLS), and re-reading that account
 * with the service account when the session is refreshed. Adapters: libs/directory (ldapts) for OpenLDAP and AD.
 */
export abstract class DirectoryLogin {
  /**
   * The account when `password` is the account's and the account may sign in (it exists, is enabled, not expired,
   * not locked); null otherwise, never saying which. An unreachable directory throws a VigieError `unavailable`.
   */
  abstract authenticate(directory: string, login: string, password: string): Promise<DirectoryLoginAccount | null>;
  /** The account re-read by DN with the service account: null when it is gone, disabled or expired. */
  abstract reread(directory: string, dn: string): Promise<DirectoryLoginAccount | null>;
}

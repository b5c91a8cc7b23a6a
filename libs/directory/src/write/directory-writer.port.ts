/**
 * The writes Vigie makes to a directory: group memberships for provisioning (access requests), and the account changes
 * of the joiner, mover and leaver flows. Each call opens its own connection with the directory's service account and
 * closes it. A write that finds the directory already as asked answers so ('already', 'absent') rather than failing,
 * so that a retried job is harmless.
 *
 * Failures are VigieErrors (DirectoryWriteError when the server refused the operation) whose kind says what the job
 * queue does: 'unavailable' retry later; 'forbidden' and 'configuration' stop and alert an administrator; 'not-found'
 * the group or the entry named does not exist; 'conflict' the entry to create exists; 'invalid-input' the values given
 * (a login, a password the directory's policy refuses). Messages name the directory, the operation and the group or
 * OU, never a password.
 */
export abstract class DirectoryWriter {
  /** 'added', or 'already' when the member was there (OpenLDAP answers 20 typeOrValueExists, Samba 68 or 20). */
  abstract addMember(directory: string, groupDn: string, memberDn: string): Promise<'added' | 'already'>;

  /** 'removed', or 'absent' when it was not there (16 noSuchAttribute; AD may answer 53 unwillingToPerform). */
  abstract removeMember(directory: string, groupDn: string, memberDn: string): Promise<'removed' | 'absent'>;

  /** The read-back: whether memberDn is a DIRECT member of groupDn now, read with the service account. */
  abstract isMember(directory: string, groupDn: string, memberDn: string): Promise<boolean>;

  /**
   * Creates a person's account under parentDn. AD: a `user` with sAMAccountName and userPrincipalName, disabled
   * (userAccountControl 514) until a password is set and it is enabled. OpenLDAP: an inetOrgPerson named by its uid,
   * without a password (nobody can bind as it until setPassword).
   */
  abstract createAccount(directory: string, spec: NewAccount): Promise<{ dn: string }>;

  /** AD: userAccountControl gains ACCOUNTDISABLE (2). OpenLDAP: pwdAccountLockedTime 000001010000Z (ppolicy's permanent lock). */
  abstract disableAccount(directory: string, dn: string): Promise<void>;

  /** AD: userAccountControl loses ACCOUNTDISABLE. OpenLDAP: pwdAccountLockedTime is removed. */
  abstract enableAccount(directory: string, dn: string): Promise<void>;

  /** Moves the account under newParentDn (modifyDN, same RDN) and answers its new DN. */
  abstract moveAccount(directory: string, dn: string, newParentDn: string): Promise<{ dn: string }>;

  /**
   * Sets the password, over LDAPS or StartTLS only (refused before connecting otherwise). AD: unicodePwd (the password
   * in double quotes, UTF-16LE), and pwdLastSet 0 when mustChange. OpenLDAP: the password modify extended operation
   * (RFC 3062), so that slapd stores userPassword hashed as it is configured to, and pwdReset TRUE (ppolicy) when
   * mustChange. The password is never logged nor put in an error.
   */
  abstract setPassword(directory: string, dn: string, password: string, options: { mustChange: boolean }): Promise<void>;

  /** Deletes the account: 'deleted', or 'absent' when there is no entry at dn (a retried deletion). */
  abstract deleteAccount(directory: string, dn: string): Promise<'deleted' | 'absent'>;

  /**
   * The account whose login is `login` anywhere under the directory's base (uid on OpenLDAP, sAMAccountName on AD; the
   * value escaped in the filter), with its HR identifier; null when none holds it.
   */
  abstract findAccount(directory: string, login: string): Promise<FoundAccount | null>;

  /**
   * The account holding this HR identifier under the directory's base (employeeID on AD, employeeNumber on OpenLDAP;
   * escaped), the first one when several do; null when none does. How a manager who is not Vigie's joiner is found.
   */
  abstract findAccountByEmployeeId(directory: string, employeeId: string): Promise<FoundAccount | null>;

  /**
   * Replaces the attributes given (a null value removes the attribute). AD: givenName, sn, displayName, mail, title,
   * department, manager. OpenLDAP (inetOrgPerson): givenName, sn, displayName, mail, title, departmentNumber, manager.
   */
  abstract updateAccount(directory: string, dn: string, changes: AccountChanges): Promise<void>;

  /**
   * The groups the account is a DIRECT member of: AD reads its memberOf back-link; OpenLDAP searches the base for
   * groups holding it (member, uniqueMember, or memberUid for its uid).
   */
  abstract listGroupsOf(directory: string, dn: string): Promise<string[]>;
}

/** An account found by its login. */
export interface FoundAccount {
  dn: string;
  login: string;
  /** employeeID on AD, employeeNumber on OpenLDAP; null when absent. */
  employeeId: string | null;
  mail: string | null;
}

/** Attributes of a person's account to write; absent: left as they are, null: removed. */
export interface AccountChanges {
  givenName?: string | null;
  surname?: string;
  displayName?: string | null;
  mail?: string | null;
  title?: string | null;
  department?: string | null;
  /** The manager's account DN (in the same directory). */
  managerDn?: string | null;
}

/** A person's account to create. Values are plain text: the adapter escapes what goes into the DN. */
export interface NewAccount {
  /** The OU (or container) the account is created in. */
  parentDn: string;
  /** sAMAccountName on AD (at most 20 characters), uid on OpenLDAP. */
  login: string;
  givenName?: string;
  surname: string;
  /** The RDN value (cn on AD); "givenName surname" when absent. */
  commonName?: string;
  /** "givenName surname" when absent. */
  displayName?: string;
  mail?: string;
  /** AD only: `login@<the DNS domain of parentDn's dc= parts>` when absent. */
  userPrincipalName?: string;
  /** The HR identifier: employeeID on AD, employeeNumber on OpenLDAP. */
  employeeId?: string;
}

/** The synchronised snapshot of one directory: what the audit and effective access read. */

import type { GroupScope } from '#vigie/directory';

export type AccountKind = 'user' | 'computer';

/** What every synchronised object has: where it is, and what it is across renames and moves. */
export interface DirectoryObjectBase {
  directory: string;
  dn: string;
  /** normalizeDn(dn): the key for every comparison (case-insensitive, escape-aware). */
  dnNorm: string;
  /**
   * objectGUID (AD) or entryUUID (OpenLDAP), lower-case: the object's identity, kept when it is
   * renamed or moved. Null when the source has none (an LDIF export without it).
   */
  objectGuid: string | null;
}

/** A user or computer account: anything that can sign in. */
export interface AccountRecord extends DirectoryObjectBase {
  kind: AccountKind;
  /** sAMAccountName on AD, uid on OpenLDAP. */
  login: string | null;
  displayName: string | null;
  mail: string | null;
  employeeId: string | null;
  department: string | null;
  title: string | null;
  employeeType: string | null;
  location: string | null;
  managerDn: string | null;
  enabled: boolean;
  /** AD userAccountControl; null on directories that have none. */
  userAccountControl: number | null;
  /** pwdLastSet (AD), pwdChangedTime (OpenLDAP ppolicy). */
  pwdLastSet: Date | null;
  /** Last sign of activity: lastLogonTimestamp (AD), pwdLastSuccess or authTimestamp (OpenLDAP), the latest. */
  lastLogon: Date | null;
  whenCreated: Date | null;
  /** whenChanged (AD), modifyTimestamp (OpenLDAP). */
  whenChanged: Date | null;
  accountExpires: Date | null;
  /**
   * OpenLDAP ppolicy: the DN of the account's password policy, pwdPolicySubentry or else the directory's default
   * policy (olcPPolicyDefault, or the directory's passwordPolicyDn setting); null without ppolicy and on AD.
   */
  passwordPolicyDn: string | null;
  /** OpenLDAP ppolicy pwdStartTime: the account cannot bind before it. */
  pwdStartTime: Date | null;
  /** OpenLDAP ppolicy pwdEndTime: the account cannot bind after it (AD's accountExpires for OpenLDAP). */
  pwdEndTime: Date | null;
  /**
   * When the account was locked out after failed passwords: AD lockoutTime (0 is not locked), OpenLDAP
   * pwdAccountLockedTime. Null when not locked; OpenLDAP's administrative lock (000001010000Z) is no lockout
   * but a disabled account (enabled false). Tracked: each new lockout is a change the sync runs record.
   */
  lockedOutAt: Date | null;
  /** Failed passwords since the last good one: AD badPwdCount (on the DC read), OpenLDAP's pwdFailureTime values. */
  badPasswordCount: number | null;
  /** The latest failed password: AD badPasswordTime (on the DC read), OpenLDAP's latest pwdFailureTime. */
  lastBadPassword: Date | null;
  /** description and info, joined: free text where admins sometimes leave passwords. */
  description: string | null;
  objectSid: string | null;
  primaryGroupId: number | null;
  /** adminCount: 1 once AdminSDHolder has protected the account (it stays after removal from admin groups). */
  adminCount: number | null;
  /** servicePrincipalName values: an account with one can be kerberoasted. */
  servicePrincipalNames: string[];
  /** sIDHistory, as SID strings. */
  sidHistory: string[];
  /** msDS-SupportedEncryptionTypes bit field (DES is 0x1 | 0x2). */
  supportedEncryptionTypes: number | null;
  /** When the LAPS-managed password expires (msLAPS-PasswordExpirationTime, else ms-Mcs-AdmPwdExpirationTime). */
  lapsPasswordExpires: Date | null;
  /** Computers: operatingSystem, operatingSystemVersion, dNSHostName. */
  operatingSystem: string | null;
  operatingSystemVersion: string | null;
  dnsHostName: string | null;
}

export interface GroupRecord extends DirectoryObjectBase {
  /** sAMAccountName on AD, cn elsewhere. */
  name: string;
  objectSid: string | null;
  gidNumber: number | null;
  groupType: number | null;
  /** From groupType (AD): global, domain-local, universal or builtin; null elsewhere. */
  scope: GroupScope | null;
  /** From groupType (AD): a security group (true) or a distribution list (false); null elsewhere. */
  security: boolean | null;
  description: string | null;
  mail: string | null;
  managedBy: string | null;
  adminCount: number | null;
  whenCreated: Date | null;
  whenChanged: Date | null;
}

/**
 * The other objects an audit places principals and resources in: OUs, published printers
 * (printQueue) and shares (volume), and foreign security principals (members from other domains
 * and well-known SIDs such as Authenticated Users, S-1-5-11), and OpenLDAP's password policies (ppolicy's pwdPolicy
 * entries, which accounts name in pwdPolicySubentry).
 */
export type DirectoryObjectKind = 'organizational-unit' | 'printer' | 'share' | 'foreign-principal' | 'password-policy';

export interface DirectoryObjectRecord extends DirectoryObjectBase {
  kind: DirectoryObjectKind;
  /** ou of an OU, printerName of a printer, cn of a share, the SID of a foreign principal. */
  name: string;
  description: string | null;
  /** Foreign principals: the SID they stand for. */
  objectSid: string | null;
  /** Printers and shares: uNCName, e.g. \\fs01\Finance. */
  uncName: string | null;
  /** Printers: serverName. */
  serverName: string | null;
  location: string | null;
  managedBy: string | null;
  /** Password policies: pwdMaxAge in seconds (0 or absent: passwords never expire); null on other kinds. */
  pwdMaxAge: number | null;
  whenCreated: Date | null;
  whenChanged: Date | null;
}

/** A direct membership: member (account, group or unresolved principal) ∈ group, both as normalized DNs. */
export interface MembershipRecord {
  groupDnNorm: string;
  memberDnNorm: string;
}

export interface SnapshotData {
  accounts: AccountRecord[];
  groups: GroupRecord[];
  memberships: MembershipRecord[];
  /** OUs, printers, shares and foreign security principals. */
  objects: DirectoryObjectRecord[];
}

export interface DirectorySnapshot extends SnapshotData {
  directory: string;
  /** The sync run that produced the snapshot as it stands (the latest successful one). */
  syncRunId: string | null;
  syncedAt: Date | null;
}

/** The synchronised picture of one directory: what the audit and effective access read. */

export type AccountKind = 'user' | 'computer';

export interface AccountRecord {
  directory: string;
  dn: string;
  /** normalizeDn(dn): the key for every comparison (case-insensitive, escape-aware). */
  dnNorm: string;
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
  pwdLastSet: Date | null;
  /** Last sign of activity: lastLogonTimestamp (AD), pwdLastSuccess or authTimestamp (OpenLDAP). */
  lastLogon: Date | null;
  whenCreated: Date | null;
  accountExpires: Date | null;
  /** description and info, joined: free text where admins sometimes leave passwords. */
  description: string | null;
  objectSid: string | null;
  primaryGroupId: number | null;
}

export interface GroupRecord {
  directory: string;
  dn: string;
  dnNorm: string;
  /** sAMAccountName on AD, cn elsewhere. */
  name: string;
  objectSid: string | null;
  gidNumber: number | null;
  groupType: number | null;
  description: string | null;
}

/** A direct membership: member (account, group or unresolved principal) ∈ group, both as normalised DNs. */
export interface MembershipRecord {
  groupDnNorm: string;
  memberDnNorm: string;
}

export interface SnapshotData {
  accounts: AccountRecord[];
  groups: GroupRecord[];
  memberships: MembershipRecord[];
}

export interface DirectorySnapshot extends SnapshotData {
  directory: string;
  syncRunId: string | null;
  syncedAt: Date | null;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A user or computer account as last synchronised; keyed by directory and normalized DN, and
 * known across renames by its objectGUID / entryUUID. DN keys compare byte-wise (collation "C"):
 * they are already case-folded, and the sync sorts and joins them by the hundred thousand.
 */
@Entity('account')
@Index('IDX_account_directory_login', ['directory', 'login'])
// Effective-access questions find an identity by employee id, or by login whatever its case (lower(login), created
// by the AccessLookupIndexes migration: TypeORM cannot declare an expression index).
@Index('IDX_account_employee_id', ['employeeId'])
@Index('IDX_account_login_lower', { synchronize: false })
// The desk's prefix searches (DeskLookupIndexes migration: text_pattern_ops, which TypeORM cannot declare).
@Index('IDX_account_login_prefix', { synchronize: false })
@Index('IDX_account_display_name_prefix', { synchronize: false })
@Index('IDX_account_employee_id_prefix', { synchronize: false })
@Index('IDX_account_mail_prefix', { synchronize: false })
@Index('UQ_account_directory_guid', ['directory', 'objectGuid'], { unique: true, where: 'object_guid IS NOT NULL' })
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  directory: string;

  @PrimaryColumn({ name: 'dn_norm', type: 'text', collation: 'C' })
  dnNorm: string;

  @Column({ type: 'text' })
  dn: string;

  @Column({ name: 'object_guid', type: 'uuid', nullable: true })
  objectGuid: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'text', nullable: true })
  login: string | null;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName: string | null;

  @Column({ type: 'text', nullable: true })
  mail: string | null;

  @Column({ name: 'employee_id', type: 'text', nullable: true })
  employeeId: string | null;

  @Column({ type: 'text', nullable: true })
  department: string | null;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ name: 'employee_type', type: 'text', nullable: true })
  employeeType: string | null;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ name: 'manager_dn', type: 'text', nullable: true })
  managerDn: string | null;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'user_account_control', type: 'integer', nullable: true })
  userAccountControl: number | null;

  @Column({ name: 'pwd_last_set', type: 'timestamptz', nullable: true })
  pwdLastSet: Date | null;

  @Column({ name: 'last_logon', type: 'timestamptz', nullable: true })
  lastLogon: Date | null;

  @Column({ name: 'when_created', type: 'timestamptz', nullable: true })
  whenCreated: Date | null;

  @Column({ name: 'when_changed', type: 'timestamptz', nullable: true })
  whenChanged: Date | null;

  @Column({ name: 'account_expires', type: 'timestamptz', nullable: true })
  accountExpires: Date | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'object_sid', type: 'text', nullable: true })
  objectSid: string | null;

  @Column({ name: 'primary_group_id', type: 'integer', nullable: true })
  primaryGroupId: number | null;

  @Column({ name: 'admin_count', type: 'integer', nullable: true })
  adminCount: number | null;

  @Column({ name: 'service_principal_names', type: 'jsonb', default: () => "'[]'" })
  servicePrincipalNames: string[];

  @Column({ name: 'sid_history', type: 'jsonb', default: () => "'[]'" })
  sidHistory: string[];

  @Column({ name: 'supported_encryption_types', type: 'integer', nullable: true })
  supportedEncryptionTypes: number | null;

  @Column({ name: 'laps_password_expires', type: 'timestamptz', nullable: true })
  lapsPasswordExpires: Date | null;

  @Column({ name: 'operating_system', type: 'text', nullable: true })
  operatingSystem: string | null;

  @Column({ name: 'operating_system_version', type: 'text', nullable: true })
  operatingSystemVersion: string | null;

  @Column({ name: 'dns_host_name', type: 'text', nullable: true })
  dnsHostName: string | null;

  /** OpenLDAP ppolicy: pwdPolicySubentry, else the directory's default policy. */
  @Column({ name: 'password_policy_dn', type: 'text', nullable: true })
  passwordPolicyDn: string | null;

  @Column({ name: 'pwd_start_time', type: 'timestamptz', nullable: true })
  pwdStartTime: Date | null;

  @Column({ name: 'pwd_end_time', type: 'timestamptz', nullable: true })
  pwdEndTime: Date | null;

  /** AD lockoutTime, OpenLDAP pwdAccountLockedTime (but its administrative lock, which disables). */
  @Column({ name: 'locked_out_at', type: 'timestamptz', nullable: true })
  lockedOutAt: Date | null;

  @Column({ name: 'bad_password_count', type: 'integer', nullable: true })
  badPasswordCount: number | null;

  @Column({ name: 'last_bad_password', type: 'timestamptz', nullable: true })
  lastBadPassword: Date | null;

  /** Digest of the compared attributes: the sync rewrites a row only when it changes. */
  @Column({ type: 'varchar', length: 32, default: '' })
  fingerprint: string;

  /** The run that last wrote this row. */
  @Column({ name: 'sync_run_id', type: 'uuid' })
  syncRunId: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A user or computer account as last synchronised; keyed by directory and normalised DN. */
@Entity('account')
@Index('IDX_account_directory_login', ['directory', 'login'])
// Effective-access questions find an identity by employee id, or by login whatever its case (lower(login), created
// by the AccessLookupIndexes migration: TypeORM cannot declare an expression index).
@Index('IDX_account_employee_id', ['employeeId'])
@Index('IDX_account_login_lower', { synchronize: false })
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  directory: string;

  @PrimaryColumn({ name: 'dn_norm', type: 'text' })
  dnNorm: string;

  @Column({ type: 'text' })
  dn: string;

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

  @Column({ name: 'account_expires', type: 'timestamptz', nullable: true })
  accountExpires: Date | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'object_sid', type: 'text', nullable: true })
  objectSid: string | null;

  @Column({ name: 'primary_group_id', type: 'integer', nullable: true })
  primaryGroupId: number | null;

  @Column({ name: 'sync_run_id', type: 'uuid' })
  syncRunId: string;
}

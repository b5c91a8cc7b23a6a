import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** OUs, published printers and shares, and foreign security principals, as last synchronised. */
@Entity('directory_object')
@Index('UQ_directory_object_directory_guid', ['directory', 'objectGuid'], { unique: true, where: 'object_guid IS NOT NULL' })
@Index('IDX_directory_object_directory_kind', ['directory', 'kind'])
export class DirectoryObjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  directory: string;

  @PrimaryColumn({ name: 'dn_norm', type: 'text', collation: 'C' })
  dnNorm: string;

  @Column({ type: 'text' })
  dn: string;

  @Column({ name: 'object_guid', type: 'uuid', nullable: true })
  objectGuid: string | null;

  /** organizational-unit, printer, share, foreign-principal or password-policy. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'object_sid', type: 'text', nullable: true })
  objectSid: string | null;

  @Column({ name: 'unc_name', type: 'text', nullable: true })
  uncName: string | null;

  @Column({ name: 'server_name', type: 'text', nullable: true })
  serverName: string | null;

  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Column({ name: 'managed_by', type: 'text', nullable: true })
  managedBy: string | null;

  /** Password policies (ppolicy): pwdMaxAge in seconds. */
  @Column({ name: 'pwd_max_age', type: 'integer', nullable: true })
  pwdMaxAge: number | null;

  @Column({ name: 'when_created', type: 'timestamptz', nullable: true })
  whenCreated: Date | null;

  @Column({ name: 'when_changed', type: 'timestamptz', nullable: true })
  whenChanged: Date | null;

  @Column({ type: 'varchar', length: 32, default: '' })
  fingerprint: string;

  @Column({ name: 'sync_run_id', type: 'uuid' })
  syncRunId: string;
}

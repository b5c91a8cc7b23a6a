import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('directory_group')
// Effective-access questions find groups by SID (primary groups, well-known principals) and by name whatever its
// case (lower(name), created by the AccessLookupIndexes migration: TypeORM cannot declare an expression index).
@Index('IDX_directory_group_sid', ['directory', 'objectSid'])
@Index('IDX_directory_group_name_lower', { synchronize: false })
@Index('UQ_directory_group_directory_guid', ['directory', 'objectGuid'], { unique: true, where: 'object_guid IS NOT NULL' })
export class DirectoryGroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  directory: string;

  @PrimaryColumn({ name: 'dn_norm', type: 'text', collation: 'C' })
  dnNorm: string;

  @Column({ type: 'text' })
  dn: string;

  @Column({ name: 'object_guid', type: 'uuid', nullable: true })
  objectGuid: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'object_sid', type: 'text', nullable: true })
  objectSid: string | null;

  @Column({ name: 'gid_number', type: 'integer', nullable: true })
  gidNumber: number | null;

  @Column({ name: 'group_type', type: 'integer', nullable: true })
  groupType: number | null;

  /** global, domain-local, universal or builtin (AD groupType). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  scope: string | null;

  @Column({ type: 'boolean', nullable: true })
  security: boolean | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'text', nullable: true })
  mail: string | null;

  @Column({ name: 'managed_by', type: 'text', nullable: true })
  managedBy: string | null;

  @Column({ name: 'admin_count', type: 'integer', nullable: true })
  adminCount: number | null;

  @Column({ name: 'when_created', type: 'timestamptz', nullable: true })
  whenCreated: Date | null;

  @Column({ name: 'when_changed', type: 'timestamptz', nullable: true })
  whenChanged: Date | null;

  @Column({ type: 'varchar', length: 32, default: '' })
  fingerprint: string;

  /** Digest of the direct members: the sync compares memberships of the groups whose digest changed. */
  @Column({ name: 'members_fingerprint', type: 'varchar', length: 32, default: '' })
  membersFingerprint: string;

  @Column({ name: 'sync_run_id', type: 'uuid' })
  syncRunId: string;
}

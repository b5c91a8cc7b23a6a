import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('directory_group')
// Effective-access questions find groups by SID (primary groups, well-known principals) and by name whatever its
// case (lower(name), created by the AccessLookupIndexes migration: TypeORM cannot declare an expression index).
@Index('IDX_directory_group_sid', ['directory', 'objectSid'])
@Index('IDX_directory_group_name_lower', { synchronize: false })
export class DirectoryGroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  directory: string;

  @PrimaryColumn({ name: 'dn_norm', type: 'text' })
  dnNorm: string;

  @Column({ type: 'text' })
  dn: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'object_sid', type: 'text', nullable: true })
  objectSid: string | null;

  @Column({ name: 'gid_number', type: 'integer', nullable: true })
  gidNumber: number | null;

  @Column({ name: 'group_type', type: 'integer', nullable: true })
  groupType: number | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'sync_run_id', type: 'uuid' })
  syncRunId: string;
}

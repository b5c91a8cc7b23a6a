import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('directory_group')
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

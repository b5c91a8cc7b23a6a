import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AttributeChange } from '#vigie/identity';
import { SyncRunEntity } from './sync-run.entity.js';

/** An object added, modified, moved or removed, as one sync run found it. */
@Entity('sync_change')
@Index('IDX_sync_change_directory_guid', ['directory', 'objectGuid'])
// The desk finds an object's changes by its name or DN, any case (DeskLookupIndexes migration).
@Index('IDX_sync_change_name_lower', { synchronize: false })
@Index('IDX_sync_change_dn_lower', { synchronize: false })
export class SyncChangeEntity {
  @PrimaryColumn({ name: 'sync_run_id', type: 'uuid' })
  syncRunId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @ManyToOne(() => SyncRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sync_run_id' })
  syncRun?: SyncRunEntity;

  @Column({ type: 'varchar', length: 64 })
  directory: string;

  @Column({ type: 'varchar', length: 16 })
  action: string;

  @Column({ name: 'object_type', type: 'varchar', length: 32 })
  objectType: string;

  @Column({ name: 'object_guid', type: 'uuid', nullable: true })
  objectGuid: string | null;

  @Column({ type: 'text' })
  dn: string;

  @Column({ name: 'old_dn', type: 'text', nullable: true })
  oldDn: string | null;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  changes: AttributeChange[];
}

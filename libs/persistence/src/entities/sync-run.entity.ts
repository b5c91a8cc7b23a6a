import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('sync_run')
@Index('IDX_sync_run_directory_started', ['directory', 'startedAt'])
// The desk lists runs and their changes newest first (DeskLookupIndexes migration).
@Index('IDX_sync_run_finished', { synchronize: false })
@Index('IDX_sync_run_started', { synchronize: false })
export class SyncRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  directory: string;

  @Column({ type: 'varchar', length: 16 })
  mode: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  stats: Record<string, number>;
}

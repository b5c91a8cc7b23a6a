import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SyncWatermark } from '#vigie/identity';

/** Per directory: the snapshot's latest run and where the next incremental sync starts. */
@Entity('sync_state')
export class SyncStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  directory: string;

  @Column({ name: 'last_run_id', type: 'uuid', nullable: true })
  lastRunId: string | null;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  @Column({ name: 'last_full_run_id', type: 'uuid', nullable: true })
  lastFullRunId: string | null;

  @Column({ name: 'last_full_sync_at', type: 'timestamptz', nullable: true })
  lastFullSyncAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  watermark: SyncWatermark | null;

  @Column({ name: 'source_fingerprint', type: 'varchar', length: 64, nullable: true })
  sourceFingerprint: string | null;

  @Column({ name: 'reconciled_at', type: 'timestamptz', nullable: true })
  reconciledAt: Date | null;
}

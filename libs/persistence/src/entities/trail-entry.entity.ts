import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The chained part of the trail: no personal data, only pseudonyms. A trigger refuses UPDATE and DELETE
 * (migration TrailSchema); pruning goes through the function vigie_trail_prune.
 */
@Entity('trail_entry')
@Index('IDX_trail_entry_at', ['at'])
@Index('IDX_trail_entry_actor', ['actorId'])
@Index('IDX_trail_entry_target', ['targetId'])
@Index('IDX_trail_entry_subjects', { synchronize: false })
// Partial, on the key rotations and erasure records verify reads first (migration TrailErasurePath).
@Index('IDX_trail_entry_signed_records', { synchronize: false })
export class TrailEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  chain: string;

  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz', precision: 3 })
  at: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: string;

  @Column({ name: 'actor_id', type: 'text' })
  actorId: string;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 64, nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details: Record<string, unknown> | null;

  @Column({ name: 'correlation_id', type: 'varchar', length: 100, nullable: true })
  correlationId: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  subjects: string[];

  @Column({ name: 'personal_digest', type: 'char', length: 64, nullable: true })
  personalDigest: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

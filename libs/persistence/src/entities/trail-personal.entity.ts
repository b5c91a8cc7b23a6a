import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The personal part of an entry (target, before/after, reason, source address), kept apart so erasure can scrub it. */
@Entity('trail_personal')
@Index('IDX_trail_personal_target', ['targetId'])
export class TrailPersonalEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  chain: string;

  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  /** Random key of the digest in the chain; dropped at erasure. */
  @Column({ type: 'char', length: 32, nullable: true })
  salt: string | null;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  /** The erasure that blanked it (vigie_trail_erase); its signed record in the change chain names the entry too. */
  @Column({ name: 'erased_by', type: 'uuid', nullable: true })
  erasedBy: string | null;
}

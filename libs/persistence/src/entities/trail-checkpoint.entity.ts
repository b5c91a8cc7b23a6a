import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Signed heads of the chains. Append-only like the entries. */
@Entity('trail_checkpoint')
@Index('IDX_trail_checkpoint_chain_seq', ['chain', 'seq'])
export class TrailCheckpointEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  chain: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  @Column({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'varchar', length: 16 })
  reason: string;

  @Column({ name: 'key_id', type: 'varchar', length: 16 })
  keyId: string;

  @Column({ name: 'public_key', type: 'text' })
  publicKey: string;

  @Column({ type: 'text' })
  signature: string;
}

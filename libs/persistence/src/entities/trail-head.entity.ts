import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last entry of each chain; its row lock orders appends across replicas. */
@Entity('trail_head')
export class TrailHeadEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  chain: string;

  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}

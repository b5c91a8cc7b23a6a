import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small facts of the trail, such as the check value of the pseudonym key that all replicas must share. */
@Entity('trail_setting')
export class TrailSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'text' })
  value: string;
}

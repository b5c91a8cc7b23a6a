import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who a pseudonym of the chain is: the one table that can re-identify people, scrubbed at erasure. */
@Entity('trail_person')
@Index('IDX_trail_person_login', ['login'])
@Index('IDX_trail_person_employee', ['employeeId'])
export class TrailPersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  pseudonym: string;

  @Column({ type: 'text', nullable: true })
  login: string | null;

  @Column({ name: 'employee_id', type: 'text', nullable: true })
  employeeId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  directory: string | null;

  @Column({ name: 'display_name', type: 'text', nullable: true })
  displayName: string | null;

  @Column({ name: 'first_seen', type: 'timestamptz', default: () => 'now()' })
  firstSeen: Date;

  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;
}

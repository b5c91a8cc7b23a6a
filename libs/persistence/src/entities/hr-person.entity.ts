import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What Vigie knows of a person from HR events (issue 17): merged data, account, leaver groups in `body`. */
@Entity('hr_person')
@Index('UQ_hr_person_scim_id', ['scimId'], { unique: true })
@Index('IDX_hr_person_created', ['createdAt', 'employeeId'])
export class HrPersonEntity {
  @PrimaryColumn({ name: 'employee_id', type: 'varchar', length: 200, primaryKeyConstraintName: 'PK_hr_person_employee_id' })
  employeeId: string;

  @Column({ name: 'scim_id', type: 'uuid' })
  scimId: string;

  /** SCIM compares userName without case: the migration indexes lower(user_name), which an entity cannot name. */
  @Index('IDX_hr_person_user_name', { synchronize: false })
  @Column({ name: 'user_name', type: 'varchar', length: 512, nullable: true })
  userName: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** data (HrPersonData), account, leaverGroups. */
  @Column({ type: 'jsonb' })
  body: Record<string, unknown>;
}

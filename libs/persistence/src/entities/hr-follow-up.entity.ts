import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What an applied HR event scheduled for later (issue 17): a mover's old groups removed, a leaver's account deleted. */
@Entity('hr_follow_up')
@Index('IDX_hr_follow_up_scheduled_due', ['dueAt'], { where: `"status" = 'scheduled'` })
@Index('IDX_hr_follow_up_employee', ['employeeId', 'dueAt'])
@Index('IDX_hr_follow_up_event', ['eventId'])
export class HrFollowUpEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_hr_follow_up_id' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 200 })
  employeeId: string;

  /** The HrEvent.id that scheduled it. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  /** directory, dn, groups, lastError. */
  @Column({ type: 'jsonb' })
  body: Record<string, unknown>;
}

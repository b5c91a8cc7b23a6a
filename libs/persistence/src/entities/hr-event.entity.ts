import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * HR events (issue 17). The event as libs/hr holds it sits in `body` (person, cancels, actions, lastError...); the
 * columns beside it are what lists, the sweep and duplicates look rows up by. (source, event_id) is unique: the same
 * event sent twice, even at once, is one row (the store inserts with ON CONFLICT DO NOTHING and reads the stored one).
 */
@Entity('hr_event')
@Index('UQ_hr_event_source_event_id', ['source', 'eventId'], { unique: true })
@Index('IDX_hr_event_received', ['receivedAt', 'id'])
@Index('IDX_hr_event_status_received', ['status', 'receivedAt', 'id'])
@Index('IDX_hr_event_employee', ['employeeId', 'effectiveAt'])
// The sweep's question: pending events whose effective time came.
@Index('IDX_hr_event_pending_effective', ['effectiveAt'], { where: `"status" = 'pending'` })
export class HrEventEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_hr_event_id' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  source: string;

  @Column({ name: 'event_id', type: 'varchar', length: 200 })
  eventId: string;

  @Column({ type: 'varchar', length: 16 })
  type: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'employee_id', type: 'varchar', length: 200 })
  employeeId: string;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ type: 'integer' })
  version: number;

  /** The rest of the event (type-specific fields, person, actions, lastError), as HrEvent holds it. */
  @Column({ type: 'jsonb' })
  body: Record<string, unknown>;
}

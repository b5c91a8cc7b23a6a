import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The lifecycle of a finding across audit runs, keyed by the finding's stable id. */
@Entity('finding_state')
@Index('IDX_finding_state_status', ['status'])
export class FindingStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  rule: string;

  @Column({ type: 'varchar', length: 16 })
  severity: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  directory: string | null;

  @Column({ type: 'text', nullable: true })
  login: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'reopened_count', type: 'integer', default: 0 })
  reopenedCount: number;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'accepted_until', type: 'timestamptz', nullable: true })
  acceptedUntil: Date | null;
}

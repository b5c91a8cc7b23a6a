import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_run')
@Index('IDX_audit_run_started', ['startedAt'])
export class AuditRunEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf: Date;

  @Column({ name: 'policy_version', type: 'text', nullable: true })
  policyVersion: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  counts: Record<string, number>;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}

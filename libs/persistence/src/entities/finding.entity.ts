import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AuditRunEntity } from './audit-run.entity.js';

@Entity('finding')
// The list's indexes (order, one rule's order, login) are expressions, written in their migration (FindingPageIndexes).
@Index('IDX_finding_run_order', { synchronize: false })
@Index('IDX_finding_run_rule_order', { synchronize: false })
@Index('IDX_finding_run_login', { synchronize: false })
// The search's prefix indexes (login, subject name), in FindingSearchIndexes.
@Index('IDX_finding_run_login_prefix', { synchronize: false })
@Index('IDX_finding_run_name_prefix', { synchronize: false })
export class FindingEntity {
  @PrimaryColumn({ name: 'audit_run_id', type: 'uuid' })
  auditRunId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @ManyToOne(() => AuditRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'audit_run_id' })
  auditRun?: AuditRunEntity;

  @Column({ type: 'varchar', length: 64 })
  rule: string;

  @Column({ type: 'varchar', length: 16 })
  severity: string;

  /** Numeric rank of the severity (critical = 0) so that results sort most severe first. */
  @Column({ name: 'severity_rank', type: 'smallint' })
  severityRank: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  directory: string | null;

  @Column({ type: 'text', nullable: true })
  login: string | null;

  @Column({ type: 'jsonb' })
  subject: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  resource: Record<string, unknown> | null;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence: Record<string, unknown>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  explain: string[];
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A load of the policy directory that failed validation, and the version used instead (if any). */
@Entity('policy_load_failure')
@Index('IDX_policy_load_failure_at', ['at'])
export class PolicyLoadFailureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: unknown[];

  @Column({ name: 'fallback_version', type: 'char', length: 64, nullable: true })
  fallbackVersion: string | null;
}

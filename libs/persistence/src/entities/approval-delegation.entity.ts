import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Approvers' deputies for a period (issue 16): found by the deputy when they decide, by the delegator when they list theirs. */
@Entity('approval_delegation')
@Index('IDX_approval_delegation_deputy', ['deputyKey', 'until'], { where: '"revoked_at" IS NULL' })
@Index('IDX_approval_delegation_delegator', ['delegator', 'until'], { where: '"revoked_at" IS NULL' })
export class ApprovalDelegationEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_approval_delegation_id' })
  id: string;

  /** Person key of the approver who delegates. */
  @Column({ type: 'varchar', length: 2048 })
  delegator: string;

  @Column({ name: 'deputy_key', type: 'varchar', length: 2048 })
  deputyKey: string;

  /** The deputy as a PersonRef. */
  @Column({ type: 'jsonb' })
  deputy: Record<string, unknown>;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  from: Date;

  @Column({ name: 'valid_until', type: 'timestamptz' })
  until: Date;

  @Column({ name: 'created_by', type: 'varchar', length: 2048 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}

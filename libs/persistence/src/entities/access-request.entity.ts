import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Access requests (issue 16). The request as the domain holds it sits in the JSON columns (people, resource, stages,
 * grant); the plain columns beside them repeat what lists, decisions, sweeps and G-PRIV-CHANGE look rows up by, so
 * that each reads an index instead of every request. Person keys are `<directory>:<canonical DN>` (personKey).
 */
@Entity('access_request')
@Index('IDX_access_request_created', ['createdAt', 'id'])
@Index('IDX_access_request_status_created', ['status', 'createdAt', 'id'])
@Index('IDX_access_request_requester', ['requesterKey', 'createdAt'])
@Index('IDX_access_request_beneficiary', ['beneficiaryKey', 'createdAt'])
@Index('IDX_access_request_manager', ['beneficiaryManagerKey', 'createdAt'])
// One open request per access (pending, or approved with a grant that stands): what the duplicate check in the
// transaction cannot promise for two requests made at once. The same text as the store's OPEN_REQUEST.
@Index('IDX_access_request_one_open', ['beneficiaryKey', 'resourceId', 'level'], {
  unique: true,
  where: `"status" = 'pending' OR ("status" = 'approved' AND "grant_status" IN ('provisioning', 'active', 'removing'))`,
})
@Index('IDX_access_request_pending_stage', ['currentStageKind', 'stageOpenedAt'], { where: `"status" = 'pending'` })
@Index('IDX_access_request_pending_decide_by', ['decideBy'], { where: `"status" = 'pending'` })
// The sweep's other two questions: a stage not reminded (not escalated) yet that opened long enough ago.
@Index('IDX_access_request_reminder_due', ['stageOpenedAt'], { where: `"status" = 'pending' AND "stage_reminded_at" IS NULL` })
@Index('IDX_access_request_escalation_due', ['stageOpenedAt'], { where: `"status" = 'pending' AND "stage_escalated_at" IS NULL` })
@Index('IDX_access_request_grant_ends', ['grantEndsAt'], { where: `"grant_status" = 'active'` })
@Index('IDX_access_request_granted_member', ['targetDirectory', 'targetGroupDnNorm', 'targetMemberDnNorm'], { where: `"grant_status" IS NOT NULL` })
export class AccessRequestEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_access_request_id' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'requester_key', type: 'varchar', length: 2048 })
  requesterKey: string;

  @Column({ name: 'beneficiary_key', type: 'varchar', length: 2048 })
  beneficiaryKey: string;

  @Column({ name: 'beneficiary_manager_key', type: 'varchar', length: 2048, nullable: true })
  beneficiaryManagerKey: string | null;

  /** The owners' person keys, a JSON array: `@>` finds a key in it through the GIN index (and the erasure rewrites JSON, not arrays). */
  @Index('IDX_access_request_owner_keys', { synchronize: false })
  @Column({ name: 'owner_keys', type: 'jsonb' })
  ownerKeys: string[];

  @Column({ name: 'resource_id', type: 'varchar', length: 256 })
  resourceId: string;

  @Column({ type: 'varchar', length: 64 })
  level: string;

  /** The current stage's kind and approvers (person keys): null and [] once the request left pending. */
  @Column({ name: 'current_stage_kind', type: 'varchar', length: 32, nullable: true })
  currentStageKind: string | null;

  @Index('IDX_access_request_current_approvers', { synchronize: false })
  @Column({ name: 'current_approvers', type: 'jsonb' })
  currentApprovers: string[];

  @Column({ name: 'stage_opened_at', type: 'timestamptz', nullable: true })
  stageOpenedAt: Date | null;

  /** When the current stage reminded its approvers, and went to the security officer: null until then (and once not pending). */
  @Column({ name: 'stage_reminded_at', type: 'timestamptz', nullable: true })
  stageRemindedAt: Date | null;

  @Column({ name: 'stage_escalated_at', type: 'timestamptz', nullable: true })
  stageEscalatedAt: Date | null;

  @Column({ name: 'decide_by', type: 'timestamptz' })
  decideBy: Date;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'grant_status', type: 'varchar', length: 16, nullable: true })
  grantStatus: string | null;

  @Column({ name: 'grant_ends_at', type: 'timestamptz', nullable: true })
  grantEndsAt: Date | null;

  @Column({ name: 'grant_ended_at', type: 'timestamptz', nullable: true })
  grantEndedAt: Date | null;

  @Column({ name: 'target_directory', type: 'varchar', length: 256 })
  targetDirectory: string;

  /** The target group's and member's DNs in a canonical spelling (lower case, no spaces around separators). */
  @Column({ name: 'target_group_dn_norm', type: 'varchar', length: 2048 })
  targetGroupDnNorm: string;

  @Column({ name: 'target_member_dn_norm', type: 'varchar', length: 2048 })
  targetMemberDnNorm: string;

  /** The rest of the request (people, resource, justification, stages, grant, target), as AccessRequest holds it. */
  @Column({ type: 'jsonb' })
  body: Record<string, unknown>;
}

import { AccessRequestEntity } from './access-request.entity.js';
import { AccountEntity } from './account.entity.js';
import { ApprovalDelegationEntity } from './approval-delegation.entity.js';
import { ApiTokenEntity } from './api-token.entity.js';
import { AuditRunEntity } from './audit-run.entity.js';
import { DirectoryGroupEntity } from './directory-group.entity.js';
import { DirectoryObjectEntity } from './directory-object.entity.js';
import { FindingEntity } from './finding.entity.js';
import { FindingStateEntity } from './finding-state.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { SyncChangeEntity } from './sync-change.entity.js';
import { SyncMembershipChangeEntity } from './sync-membership-change.entity.js';
import { PolicyLoadFailureEntity } from './policy-load-failure.entity.js';
import { PolicyVersionEntity } from './policy-version.entity.js';
import { SyncRunEntity } from './sync-run.entity.js';
import { SyncStateEntity } from './sync-state.entity.js';
import { TrailCheckpointEntity } from './trail-checkpoint.entity.js';
import { TrailEntryEntity } from './trail-entry.entity.js';
import { TrailHeadEntity } from './trail-head.entity.js';
import { TrailPersonEntity } from './trail-person.entity.js';
import { TrailPersonalEntity } from './trail-personal.entity.js';
import { TrailSettingEntity } from './trail-setting.entity.js';
import { GdprErasureEntity } from './gdpr-erasure.entity.js';
import { OidcSignInEntity } from './oidc-sign-in.entity.js';
import { StaffSessionEntity } from './staff-session.entity.js';
import { SignInAttemptEntity } from './sign-in-attempt.entity.js';
import { HrEventEntity } from './hr-event.entity.js';
import { HrFollowUpEntity } from './hr-follow-up.entity.js';
import { HrPersonEntity } from './hr-person.entity.js';
import { ReportEntity } from './report.entity.js';

export {
  AccessRequestEntity,
  AccountEntity,
  ApprovalDelegationEntity,
  ApiTokenEntity,
  AuditRunEntity,
  DirectoryGroupEntity,
  DirectoryObjectEntity,
  FindingEntity,
  FindingStateEntity,
  GdprErasureEntity,
  HrEventEntity,
  HrFollowUpEntity,
  HrPersonEntity,
  MembershipEntity,
  OidcSignInEntity,
  PolicyLoadFailureEntity,
  PolicyVersionEntity,
  SignInAttemptEntity,
  SyncChangeEntity,
  SyncMembershipChangeEntity,
  SyncRunEntity,
  StaffSessionEntity,
  SyncStateEntity,
};
export { TrailCheckpointEntity, TrailEntryEntity, TrailHeadEntity, TrailPersonEntity, TrailPersonalEntity, TrailSettingEntity };
export const ENTITIES = [
  SyncRunEntity,
  SyncStateEntity,
  AccountEntity,
  DirectoryGroupEntity,
  DirectoryObjectEntity,
  MembershipEntity,
  SyncChangeEntity,
  SyncMembershipChangeEntity,
  AuditRunEntity,
  FindingEntity,
  FindingStateEntity,
  ApiTokenEntity,
  TrailEntryEntity,
  TrailHeadEntity,
  TrailPersonalEntity,
  TrailPersonEntity,
  TrailCheckpointEntity,
  TrailSettingEntity,
  PolicyVersionEntity,
  PolicyLoadFailureEntity,
  GdprErasureEntity,
  StaffSessionEntity,
  OidcSignInEntity,
  SignInAttemptEntity,
  AccessRequestEntity,
  ApprovalDelegationEntity,
  HrEventEntity,
  HrPersonEntity,
  HrFollowUpEntity,
  ReportEntity,
];

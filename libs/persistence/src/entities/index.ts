import { AccountEntity } from './account.entity.js';
import { ApiTokenEntity } from './api-token.entity.js';
import { AuditRunEntity } from './audit-run.entity.js';
import { DirectoryGroupEntity } from './directory-group.entity.js';
import { FindingEntity } from './finding.entity.js';
import { FindingStateEntity } from './finding-state.entity.js';
import { MembershipEntity } from './membership.entity.js';
import { PolicyLoadFailureEntity } from './policy-load-failure.entity.js';
import { PolicyVersionEntity } from './policy-version.entity.js';
import { SyncRunEntity } from './sync-run.entity.js';

export { AccountEntity, ApiTokenEntity, AuditRunEntity, DirectoryGroupEntity, FindingEntity, FindingStateEntity, MembershipEntity, PolicyLoadFailureEntity, PolicyVersionEntity, SyncRunEntity };
export const ENTITIES = [SyncRunEntity, AccountEntity, DirectoryGroupEntity, MembershipEntity, AuditRunEntity, FindingEntity, FindingStateEntity, ApiTokenEntity, PolicyVersionEntity, PolicyLoadFailureEntity];

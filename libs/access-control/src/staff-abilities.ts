import { type MongoAbility, createMongoAbility, AbilityBuilder } from '@casl/ability';
import type { Staff } from './staff.model.js';
import type { StaffRole } from './staff-role.js';

export type StaffAction = 'manage' | 'read' | 'create' | 'update';
/** `Access`: effective access of identities and resources (who can reach what, and how). */
export type StaffSubject = 'Finding' | 'AuditRun' | 'SyncRun' | 'Metrics' | 'ApiDocs' | 'ApiToken' | 'AuditLog' | 'Access' | 'all';
export type StaffAbility = MongoAbility<[StaffAction, StaffSubject]>;

type Builder = AbilityBuilder<StaffAbility>;

/** What each role grants; a member of staff holds the union of their roles' abilities. */
const GRANTS: Record<StaffRole, (b: Builder, who: Pick<Staff, 'id' | 'person'>) => void> = {
  admin: ({ can }) => can('manage', 'all'),
  'security-officer': ({ can }) => {
    can('read', ['Finding', 'AuditRun', 'SyncRun', 'Metrics', 'ApiDocs', 'AuditLog', 'Access']);
    can('create', 'AuditRun');
    // Acknowledging a finding or accepting its risk is the security officer's call.
    can('update', 'Finding');
  },
  auditor: ({ can }) => can('read', ['Finding', 'AuditRun', 'ApiDocs', 'Access']),
  // Conditions on their own records (their reports, their resources, their requests) arrive with access requests.
  approver: ({ can }) => can('read', 'ApiDocs'),
  employee: ({ can }) => can('read', 'ApiDocs'),
};

/** What a member of staff may do in Vigie, built per request from their roles; anything not granted is denied. */
export function abilitiesFor(who: Pick<Staff, 'roles' | 'id' | 'person'> | StaffRole): StaffAbility {
  const staff = typeof who === 'string' ? { roles: [who], id: '', person: undefined } : who;
  const builder = new AbilityBuilder<StaffAbility>(createMongoAbility);
  for (const role of new Set(staff.roles)) GRANTS[role](builder, staff);
  return builder.build();
}

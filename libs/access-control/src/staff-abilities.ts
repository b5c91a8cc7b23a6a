import { type MongoAbility, createMongoAbility, AbilityBuilder } from '@casl/ability';
import type { StaffRole } from './staff-role.js';

export type StaffAction = 'manage' | 'read' | 'create' | 'update';
export type StaffSubject = 'Finding' | 'AuditRun' | 'SyncRun' | 'Metrics' | 'ApiDocs' | 'ApiToken' | 'AuditLog' | 'all';
export type StaffAbility = MongoAbility<[StaffAction, StaffSubject]>;

/** What each role may do in Vigie; anything not granted here is denied. */
export function abilitiesFor(role: StaffRole): StaffAbility {
  const { can, build } = new AbilityBuilder<StaffAbility>(createMongoAbility);
  switch (role) {
    case 'admin':
      can('manage', 'all');
      break;
    case 'security-officer':
      can('read', ['Finding', 'AuditRun', 'SyncRun', 'Metrics', 'ApiDocs', 'AuditLog']);
      can('create', 'AuditRun');
      // Acknowledging a finding or accepting its risk is the security officer's call.
      can('update', 'Finding');
      break;
    case 'auditor':
      can('read', ['Finding', 'AuditRun', 'ApiDocs']);
      break;
  }
  return build();
}

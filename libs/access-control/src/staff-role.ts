import { VigieError } from '#vigie/common';

/**
 * Roles of Vigie's own staff (not directory accounts). Fuller login and role management comes later;
 * these are what an API token can carry today.
 */
export const STAFF_ROLES = ['admin', 'security-officer', 'auditor'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export class UnknownRoleError extends VigieError {
  constructor(role: string) {
    super('invalid-input', `unknown role "${role}": expected one of ${STAFF_ROLES.join(', ')}`);
  }
}

export function parseRole(role: string): StaffRole {
  if ((STAFF_ROLES as readonly string[]).includes(role)) return role as StaffRole;
  throw new UnknownRoleError(role);
}

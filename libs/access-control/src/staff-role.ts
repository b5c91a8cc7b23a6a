import { VigieError } from '#vigie/common';

/**
 * Roles of Vigie's own staff (not directory accounts): what a web session gets from the groups or claims mapped in
 * the configuration, or what an API token is scoped to.
 */
export const STAFF_ROLES = ['admin', 'security-officer', 'approver', 'auditor', 'employee'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The roles an API token may carry: tokens are for automation, and `approver` and `employee` are a person's roles
 * whose abilities depend on who the person is (their reports, their resources, their own requests).
 */
export const TOKEN_ROLES = ['admin', 'security-officer', 'auditor'] as const satisfies readonly StaffRole[];

export class UnknownRoleError extends VigieError {
  constructor(role: string, allowed: readonly string[] = STAFF_ROLES) {
    super('invalid-input', `unknown role "${role}": expected one of ${allowed.join(', ')}`);
  }
}

export function parseRole(role: string): StaffRole {
  if ((STAFF_ROLES as readonly string[]).includes(role)) return role as StaffRole;
  throw new UnknownRoleError(role);
}

/** A role an API token may be scoped to (see TOKEN_ROLES). */
export function parseTokenRole(role: string): StaffRole {
  if ((TOKEN_ROLES as readonly string[]).includes(role)) return role as StaffRole;
  if ((STAFF_ROLES as readonly string[]).includes(role)) {
    throw new VigieError(
      'invalid-input',
      `an API token cannot carry the role "${role}": it is a person's role, given at sign-in; a token takes one of ${TOKEN_ROLES.join(', ')}`,
    );
  }
  throw new UnknownRoleError(role, TOKEN_ROLES);
}

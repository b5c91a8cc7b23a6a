import type { StaffRole } from '../staff-role.js';

/** One line of `auth.roles`: members of a group (its DN), or holders of a claim value, get roles. */
export type RoleMappingLine = { group: string; roles: readonly StaffRole[] } | { claim: string; roles: readonly StaffRole[] };

/** The mapping of the configuration, with group DNs normalised the way the directory adapter normalises members' groups. */
export interface RoleMapping {
  lines: readonly RoleMappingLine[];
  defaultRoles: readonly StaffRole[];
  normaliseDn: (dn: string) => string;
}

/**
 * The roles a person gets from what the directory or the provider says of them now: the mapped groups' and claim
 * values' roles, plus the default ones — but only when at least one line matched or defaults are configured. Deny by
 * default: no line and no default, no role, no session.
 */
export function rolesFrom(mapping: RoleMapping, of: { groups?: readonly string[]; claimValues?: readonly string[] }): StaffRole[] {
  const groups = new Set((of.groups ?? []).map((g) => mapping.normaliseDn(g)));
  const claims = new Set(of.claimValues ?? []);
  const roles = new Set<StaffRole>(mapping.defaultRoles);
  for (const line of mapping.lines) {
    const held = 'group' in line ? groups.has(mapping.normaliseDn(line.group)) : claims.has(line.claim);
    if (held) for (const r of line.roles) roles.add(r);
  }
  return ROLE_ORDER.filter((r) => roles.has(r));
}

const ROLE_ORDER: readonly StaffRole[] = ['admin', 'security-officer', 'approver', 'auditor', 'employee'];

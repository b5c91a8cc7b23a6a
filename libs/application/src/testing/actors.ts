import type { StaffRole } from '#vigie/access-control';
import type { Actor, UseCaseContext } from '../use-case.js';

const TOKEN_IDS: Record<StaffRole, string> = {
  admin: '7d1e6c52-0000-4000-8000-000000000001',
  'security-officer': '7d1e6c52-0000-4000-8000-000000000002',
  approver: '7d1e6c52-0000-4000-8000-000000000004',
  auditor: '7d1e6c52-0000-4000-8000-000000000003',
  employee: '7d1e6c52-0000-4000-8000-000000000005',
};

/** An API token of a role, as the API's guard makes its actor. */
export function aTokenActor(role: StaffRole, name = `${role}-token`): Actor {
  return { type: 'token', id: TOKEN_IDS[role], name, roles: [role], method: 'token' };
}

/** The command line, run by an operator logged in as `name` on the server. */
export function aCliOperator(name = 'alice'): Actor {
  return { type: 'system', id: 'cli', name };
}

export function contextOf(actor: Actor, more: Omit<Partial<UseCaseContext>, 'actor'> = {}): UseCaseContext {
  return { actor, ...more };
}

/**
 * A person signed in (web session) with roles, as a sign-in makes its actor: `uid=<login>,ou=people,dc=acme,dc=test`
 * (the company fixture's people) in `directory`.
 */
export function aPersonActor(login: string, roles: StaffRole[], directory = 'corp'): Actor {
  const dn = `uid=${login},ou=people,dc=acme,dc=test`;
  return { type: 'person', id: `directory:${directory}:${dn}`, name: login, roles, method: 'directory', person: { directory, dn, login } };
}

import type { Staff } from '#vigie/access-control';
import { routeAllows } from './route-ability.js';

const person = (login: string, ...roles: Staff['roles'][number][]) => ({
  roles,
  id: `directory:corp:uid=${login},ou=people,dc=acme,dc=test`,
  person: { directory: 'corp', dn: `uid=${login},ou=people,dc=acme,dc=test`, login },
});
const token = (...roles: Staff['roles'][number][]) => ({ roles, id: 't1', person: undefined });

describe(routeAllows.name, () => {
  it('refuses a route that declares no ability, whatever the roles', () => {
    expect(routeAllows(token('admin'), undefined)).toBe(false);
    expect(routeAllows(person('alice', 'admin', 'security-officer', 'auditor'), undefined)).toBe(false);
  });

  it('lets an employee’s conditional rule through only where the use case checks each record', () => {
    const employee = person('bmartin', 'employee');
    expect(routeAllows(employee, { action: 'read', subject: 'Access', conditionsCheckedByUseCase: true })).toBe(true);
    // The same ability on a route whose use case does not check (who can reach a resource): refused.
    expect(routeAllows(employee, { action: 'read', subject: 'Access' })).toBe(false);
    // No rule at all, checked or not: refused.
    expect(routeAllows(person('bmartin', 'approver'), { action: 'read', subject: 'Access', conditionsCheckedByUseCase: true })).toBe(false);
  });

  it('lets an unconditional ability through either way', () => {
    expect(routeAllows(token('auditor'), { action: 'read', subject: 'Access' })).toBe(true);
    expect(routeAllows(token('auditor'), { action: 'read', subject: 'Access', conditionsCheckedByUseCase: true })).toBe(true);
    expect(routeAllows(token('auditor'), { action: 'update', subject: 'Finding' })).toBe(false);
    // The admin runs Vigie and takes no governance decision.
    expect(routeAllows(token('admin'), { action: 'update', subject: 'Finding' })).toBe(false);
    expect(routeAllows(token('security-officer'), { action: 'update', subject: 'Finding' })).toBe(true);
  });
});

import { claimAt, claimLeftOut, claimValues } from './claim-values.js';

describe('claimValues', () => {
  it('reads an array of strings, as Entra ID and Keycloak send groups', () => {
    expect(claimValues({ groups: ['a1b2', 'c3d4'] }, 'groups')).toEqual(['a1b2', 'c3d4']);
  });

  it('reads a single string as one value', () => {
    expect(claimValues({ role: 'vigie-admins' }, 'role')).toEqual(['vigie-admins']);
  });

  it('follows a nested path (Keycloak realm and client roles)', () => {
    const claims = { realm_access: { roles: ['vigie-auditor', 'offline_access'] }, resource_access: { vigie: { roles: ['approver'] } } };
    expect(claimValues(claims, 'realm_access.roles')).toEqual(['vigie-auditor', 'offline_access']);
    expect(claimValues(claims, 'resource_access.vigie.roles')).toEqual(['approver']);
  });

  it('prefers a claim whose own name has dots (namespaced claims) to a nested path', () => {
    const claims = { 'https://vigie.example/roles': ['admin'], https: { '//vigie': { example: 'wrong' } } };
    expect(claimValues(claims, 'https://vigie.example/roles')).toEqual(['admin']);
  });

  it('keeps strings only, without empties or repeats', () => {
    expect(claimValues({ groups: ['a', 3, null, { id: 'b' }, '', 'a', ['c']] }, 'groups')).toEqual(['a']);
  });

  it('gives nothing for a missing claim, a missing step, a number or an object', () => {
    expect(claimValues({}, 'groups')).toEqual([]);
    expect(claimValues({ realm_access: 'roles' }, 'realm_access.roles')).toEqual([]);
    expect(claimValues({ realm_access: ['roles'] }, 'realm_access.0')).toEqual([]);
    expect(claimValues({ groups: 42 }, 'groups')).toEqual([]);
    expect(claimValues({ groups: { a: 'b' } }, 'groups')).toEqual([]);
  });

  it('does not walk into inherited properties', () => {
    expect(claimAt({ groups: [] }, 'groups.length')).toBeUndefined();
    expect(claimValues({}, 'constructor.name')).toEqual([]);
  });
});

describe('claimLeftOut', () => {
  it("sees Entra ID's groups overage", () => {
    const overage = { _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/...' } } };
    expect(claimLeftOut(overage, 'groups')).toBe(true);
  });

  it('is false when the claim is there, or when nothing points elsewhere', () => {
    expect(claimLeftOut({ groups: ['a'], _claim_names: { groups: 'src1' } }, 'groups')).toBe(false);
    expect(claimLeftOut({}, 'groups')).toBe(false);
    expect(claimLeftOut({ _claim_names: { roles: 'src1' } }, 'groups')).toBe(false);
  });
});

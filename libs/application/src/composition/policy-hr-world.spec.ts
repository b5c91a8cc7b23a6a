import { fileURLToPath } from 'node:url';
import { hrSettingsOf } from '#vigie/hr';
import type { StoredObjectRef } from '#vigie/identity';
import { loadPolicy } from '#vigie/policy';
import { PolicyHrWorld } from './policy-hr-world.js';

const POLICY = fileURLToPath(new URL('../../../../test/fixtures/hr/policy', import.meta.url));
const identity = (department: string | null) => ({
  employeeId: 'E1',
  login: null,
  department,
  title: null,
  employeeType: null,
  location: null,
  manager: null,
  directory: 'corp',
});

describe(PolicyHrWorld.name, () => {
  it('gives the birthright groups of the rules an identity meets, as DNs', async () => {
    const sut = new PolicyHrWorld(await loadPolicy(POLICY), hrSettingsOf({}), 'corp', async () => ({ index: async () => [] }));
    expect(await sut.birthrightGroups(identity('Finance'))).toEqual({
      dns: ['cn=all-staff,ou=groups,dc=acme,dc=test', 'cn=finance-rw,ou=groups,dc=acme,dc=test'],
      unresolved: [],
    });
    expect((await sut.birthrightGroups(identity(null))).dns).toEqual(['cn=all-staff,ou=groups,dc=acme,dc=test']);
  });

  it('looks a group named by name up in the latest snapshot, and names those it does not find', async () => {
    const policy = await loadPolicy(POLICY);
    const named = {
      ...policy,
      resources: policy.resources.map((r) => (r.id === 'share-finance' ? { ...r, grants: { write: ['GG-Finance', 'GG-Nowhere'] } } : r)),
    };
    const group = { table: 'group', dn: 'CN=GG-Finance,OU=Groups,DC=acme,DC=test', name: 'gg-finance' } as StoredObjectRef;
    const sut = new PolicyHrWorld(named, hrSettingsOf({}), 'corp', async () => ({ index: async () => [group] }));
    expect(await sut.birthrightGroups(identity('Finance'))).toEqual({
      dns: ['cn=all-staff,ou=groups,dc=acme,dc=test', 'CN=GG-Finance,OU=Groups,DC=acme,DC=test'],
      unresolved: ['GG-Nowhere'],
    });
  });
});

import { aPolicy, aResource } from './__fixtures__/policy.factory.js';
import { groupReferences, normaliseGroupReference, unknownGroupReferences, unknownRuleIds } from './policy-references.js';

describe(unknownGroupReferences.name, () => {
  const policy = aPolicy({
    resources: [
      aResource({
        grants: { read: ['GG_Finance_Lecture', 'CN=DL_Finance_R, OU=Groups, DC=corp, DC=example'], write: ['DL_Finance_RW'] },
        source: { file: 'resources/shares.yaml', index: 2, line: 20 },
      }),
    ],
    settings: { privilegedGroups: ['GG_Tier0'], everyoneGroups: ['all-staff'], source: { file: 'settings/settings.yaml', line: 1 } },
  });

  it('lists every group the policy names, with where', () => {
    expect(groupReferences(policy)).toEqual([
      { group: 'GG_Finance_Lecture', file: 'resources/shares.yaml', path: 'resources[2].grants.read[0]' },
      { group: 'CN=DL_Finance_R, OU=Groups, DC=corp, DC=example', file: 'resources/shares.yaml', path: 'resources[2].grants.read[1]' },
      { group: 'DL_Finance_RW', file: 'resources/shares.yaml', path: 'resources[2].grants.write[0]' },
      { group: 'GG_Tier0', file: 'settings/settings.yaml', path: 'privilegedGroups[0]' },
      { group: 'all-staff', file: 'settings/settings.yaml', path: 'everyoneGroups[0]' },
    ]);
  });

  it('returns those the directory does not know, comparing names and DNs without case', () => {
    const known = new Set(['gg_finance_lecture', 'cn=dl_finance_r,ou=groups,dc=corp,dc=example', 'GG_TIER0']);
    expect(unknownGroupReferences(policy, known).map(({ group }) => group)).toEqual(['DL_Finance_RW', 'all-staff']);
  });

  it('keeps escaped separators inside a DN value', () => {
    expect(normaliseGroupReference('CN=Dupont\\, Jean , OU=Staff')).toBe('cn=dupont\\, jean,ou=staff');
  });
});

describe(unknownRuleIds.name, () => {
  it('returns the overridden rule ids the audit catalogue does not know', () => {
    const policy = aPolicy({ settings: { rules: { 'H-INACTIVE-USER': { thresholdDays: 90 }, 'H-INACTIVE-USERS': { enabled: false } } } });
    expect(unknownRuleIds(policy, new Set(['H-INACTIVE-USER']))).toEqual(['H-INACTIVE-USERS']);
  });
});

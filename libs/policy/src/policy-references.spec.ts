import { fileURLToPath } from 'node:url';
import { knownGroupsNamed } from './__fixtures__/known-groups.js';
import { aPolicy, aResource } from './__fixtures__/policy.factory.js';
import { loadPolicy } from './policy-loader.js';
import { groupReferences, unknownGroupIssues, unknownGroupReferences, unknownRuleIds } from './policy-references.js';

describe(unknownGroupReferences.name, () => {
  const policy = aPolicy({
    resources: [
      aResource({
        grants: { read: ['GG_Finance_Lecture', 'CN=DL_Finance_R, OU=Groups, DC=corp, DC=example'], write: ['DL_Finance_RW'] },
        source: { file: 'resources/shares.yaml', index: 2, line: 20 },
      }),
    ],
    sodRules: [{ id: 'pay', description: 'x', entitlements: [{ group: 'GG_Paie' }, { resource: 'share-2', level: 'write' }] }],
    settings: {
      privilegedGroups: ['GG_Tier0'],
      everyoneGroups: ['all-staff'],
      requests: { groups: [{ group: 'GG_VPN', description: 'Remote access' }] },
      source: { file: 'settings/settings.yaml', line: 1 },
    },
  });
  const at = { line: 0, column: 0 };

  it('lists every group the policy names, with where', () => {
    expect(groupReferences(policy)).toEqual([
      { group: 'GG_Finance_Lecture', file: 'resources/shares.yaml', path: 'resources[2].grants.read[0]', ...at },
      { group: 'CN=DL_Finance_R, OU=Groups, DC=corp, DC=example', file: 'resources/shares.yaml', path: 'resources[2].grants.read[1]', ...at },
      { group: 'DL_Finance_RW', file: 'resources/shares.yaml', path: 'resources[2].grants.write[0]', ...at },
      { group: 'GG_Paie', file: 'sod/test.yaml', path: 'rules[0].entitlements[0].group', ...at },
      { group: 'GG_Tier0', file: 'settings/settings.yaml', path: 'privilegedGroups[0]', ...at },
      { group: 'all-staff', file: 'settings/settings.yaml', path: 'everyoneGroups[0]', ...at },
      { group: 'GG_VPN', file: 'settings/settings.yaml', path: 'requests.groups[0].group', ...at },
    ]);
  });

  it("returns those the caller's resolver does not know, each with its reason", () => {
    const known = knownGroupsNamed(['GG_Finance_Lecture', 'CN=DL_Finance_R, OU=Groups, DC=corp, DC=example', 'GG_TIER0', 'gg_paie', 'GG_VPN']);
    expect(unknownGroupReferences(policy, known).map(({ group, reason }) => `${group}: ${reason}`)).toEqual([
      'DL_Finance_RW: no group of directory corp has this name or DN (check the spelling, or sync the directory first)',
      'all-staff: no group of directory corp has this name or DN (check the spelling, or sync the directory first)',
    ]);
  });

  it('points at the line and column of each reference of a loaded policy', async () => {
    const loaded = await loadPolicy(fileURLToPath(new URL('./__fixtures__/ok/acme', import.meta.url)));
    const unknown = unknownGroupReferences(loaded, knownGroupsNamed(['DL_Finance_RW']));
    expect(unknownGroupIssues(unknown).slice(0, 2)).toEqual([
      {
        file: 'resources/devices.yaml',
        line: 11,
        column: 14,
        path: 'resources[0].grants.read[0]',
        message: 'unknown group "GG_Print_Lyon3": no group of directory corp has this name or DN (check the spelling, or sync the directory first)',
      },
      expect.objectContaining({ file: 'resources/devices.yaml', line: 17, path: 'resources[1].grants.read[0]' }),
    ]);
    expect(unknown.map(({ group, line }) => `${group}@${line}`)).toContain('Domain Admins@15');
    expect(unknown.map(({ group }) => group)).not.toContain('DL_Finance_RW');
  });
});

describe(unknownRuleIds.name, () => {
  it('returns the overridden rule ids the audit catalogue does not know', () => {
    const policy = aPolicy({ settings: { rules: { 'H-INACTIVE-USER': { thresholdDays: 90 }, 'H-INACTIVE-USERS': { enabled: false } } } });
    expect(unknownRuleIds(policy, new Set(['H-INACTIVE-USER']))).toEqual(['H-INACTIVE-USERS']);
  });
});

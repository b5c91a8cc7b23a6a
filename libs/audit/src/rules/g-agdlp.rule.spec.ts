import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, aResource, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { AgdlpRule } from './g-agdlp.rule.js';

describe(AgdlpRule.name, () => {
  const sut = new AgdlpRule();
  const global = (name: string) => aGroup(name, { scope: 'global', groupType: -2147483646 });
  const local = (name: string) => aGroup(name, { scope: 'domain-local', groupType: -2147483644 });

  it('flags a permission given to a global or universal group instead of a domain-local one', () => {
    const snap = aSnapshot(
      [anAccount('ann')],
      [global('GG_Finance'), aGroup('UG_Groupe', { scope: 'universal', groupType: -2147483640 })],
      [['ann', 'GG_Finance']],
    );
    const policy = aPolicy({ resources: [aResource('share-finance', { grants: { write: ['GG_Finance'], read: ['GG_Finance', 'UG_Groupe'] } })] });
    const findings = findingsOf(sut, snap, policy);
    expect(summary(findings)).toEqual(['GG_Finance share-finance low', 'UG_Groupe share-finance low']);
    const gg = findings.find((f) => f.subject.name === 'GG_Finance')!;
    expect(gg).toMatchObject({ subject: { type: 'group' }, evidence: { kind: 'global group', scope: 'global', levels: ['read', 'write'] } });
    expect(gg.explain[1]).toBe('GG_Finance is a global group (groupType -2147483646), not a domain-local group');
  });

  it('flags a person put straight into a domain-local granting group, once per resource with every level', () => {
    const snap = aSnapshot(
      [anAccount('bob'), anAccount('carl')],
      [local('DL_Finance_RW'), local('DL_Finance_R'), global('GG_Finance')],
      [
        ['bob', 'DL_Finance_RW'],
        ['bob', 'DL_Finance_R'],
        ['carl', 'GG_Finance'],
        ['GG_Finance', 'DL_Finance_RW'],
      ],
    );
    const policy = aPolicy({ resources: [aResource('share-finance', { grants: { write: ['DL_Finance_RW'], read: ['DL_Finance_R'] } })] });
    const findings = findingsOf(sut, snap, policy);
    expect(summary(findings)).toEqual(['bob share-finance low']);
    expect(findings[0].evidence).toMatchObject({ grantingGroups: ['DL_Finance_RW', 'DL_Finance_R'], levels: ['read', 'write'] });
    expect(findings[0].explain).toEqual([
      'bob ∈ DL_Finance_RW (direct)',
      'DL_Finance_RW grants write on share-finance',
      'bob ∈ DL_Finance_R (direct)',
      'DL_Finance_R grants read on share-finance',
      'AGDLP: accounts go in global groups, global groups in the domain-local group',
    ]);
  });

  it('accepts AGDLP, builtin groups with their members, disabled accounts, and directories without group scopes', () => {
    const snap = aSnapshot(
      [
        anAccount('ann'),
        anAccount('Administrator', { objectSid: sidOf(500) }),
        anAccount('gone', { enabled: false }),
        anAccount('PC1$', { kind: 'computer' }),
        anAccount('ldapuser'),
      ],
      [global('GG_Finance'), local('DL_Finance_RW'), aGroup('Administrators', { objectSid: 'S-1-5-32-544', scope: 'builtin' }), aGroup('finance-rw')],
      [
        ['ann', 'GG_Finance'],
        ['GG_Finance', 'DL_Finance_RW'],
        ['Administrator', 'Administrators'],
        ['gone', 'DL_Finance_RW'],
        ['PC1$', 'DL_Finance_RW'],
        ['ldapuser', 'finance-rw'],
      ],
    );
    const policy = aPolicy({
      resources: [aResource('share-finance', { grants: { write: ['DL_Finance_RW', 'finance-rw'], admin: ['Administrators'] } })],
    });
    expect(findingsOf(sut, snap, policy)).toEqual([]);
  });
});

import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { defaultSettings, type Policy, type ResourceDef, type SodRuleDef } from '#vigie/policy';
import { directoryViewOf } from './audit-engine.js';
import { sodConflictsIfMember } from './sod-check.js';

const resource = (id: string, name: string, grants: ResourceDef['grants']): ResourceDef => ({
  id,
  type: 'share',
  name,
  grants,
  source: { file: 'resources/shares.yaml', index: 0, line: 4 },
});

const payrollAndPayments: SodRuleDef = {
  id: 'payroll-and-payments',
  description: 'Whoever changes payroll must not also pay it out',
  severity: 'high',
  scope: 'identity',
  maxHeld: 1,
  entitlements: [
    { resource: 'share-rh', level: 'write' },
    { resource: 'share-finance', level: 'write' },
  ],
  source: { file: 'sod/finance.yaml', index: 0, line: 5 },
};

const policy: Policy = {
  version: 'v'.repeat(64),
  dir: '/policies',
  files: [],
  resources: [resource('share-finance', '\\\\fs01\\Finance', { write: ['DL_Finance_RW'] }), resource('share-rh', '\\\\fs01\\RH', { write: ['DL_RH_RW'] })],
  accessRules: [],
  sodRules: [payrollAndPayments],
  settings: defaultSettings(),
};

// AGDLP with one more level of nesting: GG_Paie ∈ GG_RH ∈ DL_RH_RW.
const snapshot = (links: Array<[string, string]>) =>
  aSnapshot(
    [anAccount('alice', { employeeId: 'E1' }), anAccount('bob', { employeeId: 'E2' })],
    [aGroup('GG_Finance'), aGroup('GG_RH'), aGroup('GG_Paie'), aGroup('DL_Finance_RW'), aGroup('DL_RH_RW')],
    [['GG_Finance', 'DL_Finance_RW'], ['GG_RH', 'DL_RH_RW'], ['GG_Paie', 'GG_RH'], ...links],
  );

const check = (links: Array<[string, string]>, login: string, group: string) => {
  const s = snapshot(links);
  const account = s.accounts.find((a) => a.login === login)!;
  const target = s.groups.find((g) => g.name === group)!;
  return sodConflictsIfMember([directoryViewOf(s, policy)], policy, account, target.dnNorm);
};

describe(sodConflictsIfMember.name, () => {
  it('finds the conflict a membership would make through nesting, with G-SOD message and paths', () => {
    const [conflict, ...others] = check([['alice', 'GG_Finance']], 'alice', 'GG_Paie');
    expect(others).toEqual([]);
    expect(conflict).toMatchObject({ sodRule: 'payroll-and-payments', message: expect.stringContaining('(SoD rule payroll-and-payments:') });
    expect(conflict.explain.join('\n')).toMatch(/GG_Paie/);
    expect(conflict.explain.join('\n')).toMatch(/GG_RH/);
  });

  it('answers nothing for a membership that breaks no rule, or for another person', () => {
    expect(check([['alice', 'GG_Finance']], 'alice', 'GG_Finance')).toEqual([]);
    expect(check([['alice', 'GG_Finance']], 'bob', 'GG_Paie')).toEqual([]);
  });

  it('leaves a conflict the person is already in, and the membership does not worsen, to G-SOD', () => {
    expect(
      check(
        [
          ['alice', 'GG_Finance'],
          ['alice', 'GG_RH'],
        ],
        'alice',
        'GG_Paie',
      ),
    ).toEqual([]);
  });
});

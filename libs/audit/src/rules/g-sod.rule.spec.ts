import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { defaultSettings, type Policy, type ResourceDef, type SodRuleDef } from '#vigie/policy';
import { evaluate } from '../audit-engine.js';
import { SodRule } from './g-sod.rule.js';

const ASOF = new Date('2026-11-15T00:00:00Z');
const DOMAIN = 'S-1-5-21-10-20-30';

const resource = (id: string, name: string, grants: ResourceDef['grants'], type: ResourceDef['type'] = 'share'): ResourceDef => ({
  id,
  type,
  name,
  grants,
  source: { file: 'resources/shares.yaml', index: 0, line: 4 },
});

const sodRule = (over: Partial<SodRuleDef> & Pick<SodRuleDef, 'entitlements'>): SodRuleDef => ({
  id: 'payroll-and-payments',
  description: 'Whoever changes payroll must not also pay it out',
  severity: 'high',
  scope: 'identity',
  maxHeld: 1,
  source: { file: 'sod/finance.yaml', index: 0, line: 5 },
  ...over,
});

function policyWith(sodRules: SodRuleDef[]): Policy {
  return {
    version: 'v'.repeat(64),
    dir: '/policies',
    files: [],
    resources: [
      resource('share-finance', '\\\\fs01\\Finance', { read: ['DL_Finance_R'], write: ['DL_Finance_RW'], admin: ['DL_Finance_Admin'] }),
      resource('share-rh', '\\\\fs01\\RH', { write: ['DL_RH_RW'] }),
    ],
    accessRules: [],
    sodRules,
    settings: defaultSettings(),
  };
}

const payrollAndPayments = sodRule({
  entitlements: [
    { resource: 'share-rh', level: 'write' },
    { resource: 'share-finance', level: 'write' },
  ],
});

const groups = () => [
  aGroup('GG_Finance'),
  aGroup('GG_RH'),
  aGroup('GG_Paie'),
  aGroup('DL_Finance_R'),
  aGroup('DL_Finance_RW'),
  aGroup('DL_Finance_Admin'),
  aGroup('DL_RH_RW'),
  aGroup('Domain Users', { objectSid: `${DOMAIN}-513` }),
];
const agdlp: Array<[string, string]> = [
  ['GG_Finance', 'DL_Finance_RW'],
  ['GG_RH', 'DL_RH_RW'],
  ['GG_Paie', 'GG_RH'],
];

const sodFindings = (policy: Policy, snapshot: ReturnType<typeof aSnapshot>) => evaluate([snapshot], policy, ASOF, { rules: [new SodRule()] }).report.findings;

describe(SodRule.name, () => {
  it('ok: one entitlement of the pair each, a disabled account, and a pair split across two people', () => {
    const snapshot = aSnapshot(
      [anAccount('compta', { employeeId: 'E1' }), anAccount('paie', { employeeId: 'E2' }), anAccount('parti', { employeeId: 'E3', enabled: false })],
      groups(),
      [...agdlp, ['compta', 'GG_Finance'], ['paie', 'GG_Paie'], ['parti', 'GG_Finance'], ['parti', 'GG_RH']],
    );
    expect(sodFindings(policyWith([payrollAndPayments]), snapshot)).toEqual([]);
  });

  it('not ok: both entitlements, one direct and one nested, explained path by path', () => {
    const snapshot = aSnapshot([anAccount('alice', { employeeId: 'E1' })], groups(), [...agdlp, ['alice', 'GG_Finance'], ['alice', 'GG_Paie']]);
    const [finding, ...others] = sodFindings(policyWith([payrollAndPayments]), snapshot);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'G-SOD',
      severity: 'high',
      subject: { login: 'alice', directory: 'corp' },
      resource: null,
      message:
        'Holds incompatible entitlements: write on share-rh (\\\\fs01\\RH) and write on share-finance (\\\\fs01\\Finance) ' +
        '(SoD rule payroll-and-payments: Whoever changes payroll must not also pay it out)',
      evidence: {
        sodRule: 'payroll-and-payments',
        policyFile: 'sod/finance.yaml:5',
        held: [
          { entitlement: 'write on share-rh (\\\\fs01\\RH)', login: 'alice', via: 'DL_RH_RW' },
          { entitlement: 'write on share-finance (\\\\fs01\\Finance)', login: 'alice', via: 'DL_Finance_RW' },
        ],
      },
      explain: [
        'held: write on share-rh (\\\\fs01\\RH)',
        'alice ∈ GG_Paie (direct)',
        'GG_Paie ∈ GG_RH (nested)',
        'GG_RH ∈ DL_RH_RW (nested)',
        'DL_RH_RW grants write on share-rh',
        'held: write on share-finance (\\\\fs01\\Finance)',
        'alice ∈ GG_Finance (direct)',
        'GG_Finance ∈ DL_Finance_RW (nested)',
        'DL_Finance_RW grants write on share-finance',
      ],
    });
  });

  it('not ok: through the AD primary group, which is not in member', () => {
    const snapshot = aSnapshot([anAccount('bob', { objectSid: `${DOMAIN}-1105`, primaryGroupId: 513 })], groups(), [
      ...agdlp,
      ['Domain Users', 'GG_Paie'],
      ['bob', 'GG_Finance'],
    ]);
    const [finding] = sodFindings(policyWith([payrollAndPayments]), snapshot);
    expect(finding.explain.slice(0, 4)).toEqual([
      'held: write on share-rh (\\\\fs01\\RH)',
      'bob ∈ Domain Users (primary group)',
      'Domain Users ∈ GG_Paie (nested)',
      'GG_Paie ∈ GG_RH (nested)',
    ]);
  });

  it('counts a higher level as holding the lower one (admin includes write)', () => {
    const snapshot = aSnapshot([anAccount('carol')], groups(), [...agdlp, ['carol', 'DL_Finance_Admin'], ['carol', 'GG_RH']]);
    const [finding] = sodFindings(policyWith([payrollAndPayments]), snapshot);
    expect(finding.explain).toContain('DL_Finance_Admin grants admin on share-finance');
    const readOnly = aSnapshot([anAccount('dave')], groups(), [...agdlp, ['dave', 'DL_Finance_R'], ['dave', 'GG_RH']]);
    expect(sodFindings(policyWith([payrollAndPayments]), readOnly)).toEqual([]);
  });

  it('scope identity: a person holding one entitlement per account, across directories', () => {
    const daily = anAccount('emma', { employeeId: 'E42' });
    const admin = { ...anAccount('adm-emma', { employeeId: ' e42 ' }), directory: 'corp-admin' };
    const corp = aSnapshot([daily], groups(), [...agdlp, ['emma', 'GG_Finance']]);
    const adminGroups = [aGroup('GG_RH'), aGroup('DL_RH_RW')].map((g) => ({ ...g, directory: 'corp-admin' }));
    const corpAdmin = {
      ...aSnapshot([admin], adminGroups, [
        ['GG_RH', 'DL_RH_RW'],
        ['adm-emma', 'GG_RH'],
      ]),
      directory: 'corp-admin',
    };
    const findings = evaluate([corp, corpAdmin], policyWith([payrollAndPayments]), ASOF, { rules: [new SodRule()] }).report.findings;
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^Holds incompatible entitlements through accounts adm-emma and emma:/);
    expect(findings[0].evidence.held).toEqual([
      expect.objectContaining({ directory: 'corp-admin', login: 'adm-emma' }),
      expect.objectContaining({ directory: 'corp', login: 'emma' }),
    ]);

    const perAccount = policyWith([{ ...payrollAndPayments, scope: 'account' }]);
    expect(evaluate([corp, corpAdmin], perAccount, ASOF, { rules: [new SodRule()] }).report.findings).toEqual([]);
  });

  it('group entitlements, maxHeld, and one finding per SoD rule on the same account', () => {
    const threeWay = sodRule({
      id: 'vendor-payment-cycle',
      description: 'Create vendors, approve and pay: not all three',
      severity: 'critical',
      maxHeld: 2,
      entitlements: [{ group: 'GG_Finance' }, { group: 'gg_paie' }, { resource: 'share-rh' }],
    });
    const twoOfThree = aSnapshot([anAccount('fred')], groups(), [...agdlp, ['fred', 'GG_Finance'], ['fred', 'DL_RH_RW']]);
    expect(sodFindings(policyWith([threeWay]), twoOfThree)).toEqual([]);

    const all = aSnapshot([anAccount('gina')], groups(), [...agdlp, ['gina', 'GG_Finance'], ['gina', 'GG_Paie']]);
    const findings = sodFindings(policyWith([threeWay, payrollAndPayments]), all);
    expect(findings.map((f) => `${f.severity} ${f.evidence.sodRule}`)).toEqual(['critical vendor-payment-cycle', 'high payroll-and-payments']);
    expect(new Set(findings.map((f) => f.id)).size).toBe(2);
    expect(findings[0].explain).toEqual([
      'held: member of GG_Finance',
      'gina ∈ GG_Finance (direct)',
      'held: member of gg_paie',
      'gina ∈ GG_Paie (direct)',
      'held: access on share-rh (\\\\fs01\\RH)',
      'gina ∈ GG_Paie (direct)',
      'GG_Paie ∈ GG_RH (nested)',
      'GG_RH ∈ DL_RH_RW (nested)',
      'DL_RH_RW grants write on share-rh',
    ]);
  });

  it('terminates on a nesting cycle', () => {
    const snapshot = aSnapshot([anAccount('hugo')], groups(), [...agdlp, ['GG_RH', 'GG_Paie'], ['hugo', 'GG_Paie'], ['hugo', 'GG_Finance']]);
    expect(sodFindings(policyWith([payrollAndPayments]), snapshot).map((f) => f.subject.login)).toEqual(['hugo']);
  });
});

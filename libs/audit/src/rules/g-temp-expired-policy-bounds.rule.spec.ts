import { HrRoster, type HrRecord } from '#vigie/hr';
import { anHrRecord } from '#vigie/hr/testing';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import type { ExternalPersonDef, Policy, TemporaryGrantDef } from '#vigie/policy';
import { aPolicy, aResource, findingsOf } from '../testing/audit-harness.js';
import { ExcessVsRoleRule } from './g-excess-vs-role.rule.js';
import { TempExpiredRule } from './g-temp-expired.rule.js';

// ASOF is 2026-11-15: a grant until 2026-11-14 is over, one until 2026-11-15 holds the whole day.
const aGrant = (id: string, over: Partial<TemporaryGrantDef> = {}): TemporaryGrantDef => ({
  id,
  to: { login: 'temp' },
  resource: 'share-x',
  levels: ['write'],
  until: '2026-11-14',
  reason: 'closing of the year',
  source: { file: 'grants/projects.yaml', index: 0, line: 5 },
  ...over,
});
const anExternal = (login: string, endDate: string): ExternalPersonDef => ({
  login,
  type: 'contractor',
  company: 'Presta SA',
  sponsor: 'E1',
  endDate,
  source: { file: 'externals/contractors.yaml', index: 0, line: 5 },
});
const person = (over: Partial<HrRecord>): HrRecord => anHrRecord(over);

describe('G-TEMP-EXPIRED on the time bounds the policy writes (grants/, externals/)', () => {
  const sut = new TempExpiredRule();
  const base = aPolicy({
    resources: [aResource('share-x', { grants: { read: ['DL_X_R'], write: ['DL_X_RW'] } })],
    rules: [{ can: ['read'], on: 'share', where: { id: 'share-x' }, when: { department: 'Finance' } }],
  });
  const withGrants = (...grants: TemporaryGrantDef[]): Policy => ({ ...base, grants });
  const snap = aSnapshot(
    [anAccount('temp', { mail: 'temp@acme.fr' }), anAccount('other'), anAccount('gone', { enabled: false })],
    [aGroup('DL_X_R'), aGroup('DL_X_RW'), aGroup('GG_Projet')],
    [
      ['temp', 'DL_X_RW'],
      ['temp', 'DL_X_R'],
      ['GG_Projet', 'DL_X_RW'],
      ['other', 'GG_Projet'],
      ['gone', 'DL_X_RW'],
    ],
  );

  it('reports a grant past its last day whose access is still effective, naming the grant, the resource and the path', () => {
    const [finding, ...more] = findingsOf(sut, snap, withGrants(aGrant('REQ-42')));
    expect(more).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'G-TEMP-EXPIRED',
      severity: 'high',
      subject: { login: 'temp' },
      resource: { id: 'share-x' },
      evidence: { grant: 'REQ-42', until: '2026-11-14', levels: ['write'], policyFile: 'grants/projects.yaml:5' },
      message: 'Temporary grant REQ-42 ran until 2026-11-14 (its last day, 1 day(s) ago) and write access on \\\\fs01\\share-x is still effective',
    });
    expect(finding.explain).toEqual([
      'grants/projects.yaml:5: grant REQ-42 gave write on share-x until 2026-11-14',
      'no access rule and no grant in force allows temp write on share-x after it',
      'temp ∈ DL_X_RW (direct)',
      'DL_X_RW grants write on share-x',
    ]);
  });

  it('is silent on its last day, when another grant in force covers the access, and when the access is gone', () => {
    expect(findingsOf(sut, snap, withGrants(aGrant('REQ-42', { until: '2026-11-15' })))).toEqual([]);
    expect(findingsOf(sut, snap, withGrants(aGrant('REQ-42'), aGrant('REQ-43', { until: '2027-01-31' })))).toEqual([]);
    expect(findingsOf(sut, snap, withGrants(aGrant('REQ-42', { to: { login: 'gone' } })))).toEqual([]);
    expect(findingsOf(sut, aSnapshot([anAccount('temp')], [aGroup('DL_X_RW')], []), withGrants(aGrant('REQ-42')))).toEqual([]);
  });

  it('is silent when the access rules allow the access anyway, the department coming from HR when the directory has none', () => {
    const hr = new HrRoster([person({ mail: 'temp@acme.fr', department: 'Finance' })]);
    expect(findingsOf(sut, snap, withGrants(aGrant('REQ-42', { levels: ['read', 'write'] })), undefined, { hr }).map((f) => f.evidence.levels)).toEqual([
      ['write'],
    ]);
  });

  it("follows a grant to a group's effective members, and one to a person by the employee id of the HR record matched by mail", () => {
    const toGroup = findingsOf(sut, snap, withGrants(aGrant('REQ-50', { to: { group: 'GG_Projet' } })));
    expect(toGroup.map((f) => f.subject.login)).toEqual(['other']);
    const hr = new HrRoster([person({ employeeId: 'E77', mail: 'TEMP@acme.fr' })]);
    const toPerson = findingsOf(sut, snap, withGrants(aGrant('REQ-51', { to: { employeeId: 'E77' } })), undefined, { hr });
    expect(toPerson.map((f) => f.subject.login)).toEqual(['temp']);
  });

  it('reports an external person past their end date whose account is still enabled, and not before', () => {
    const policy: Policy = { ...base, externals: [anExternal('temp', '2026-10-31'), anExternal('other', '2026-11-15')] };
    const [finding, ...more] = findingsOf(sut, snap, policy);
    expect(more).toEqual([]);
    expect(finding).toMatchObject({
      subject: { login: 'temp' },
      resource: null,
      evidence: { type: 'contractor', endDate: '2026-10-31', sponsor: 'E1', company: 'Presta SA', resources: ['share-x'] },
    });
    expect(finding.message).toBe(
      'External contractor whose last day was 2026-10-31 (15 day(s) ago) still has an enabled account, with access to 1 resource(s)',
    );
  });
});

describe('G-EXCESS-VS-ROLE with temporary grants', () => {
  const sut = new ExcessVsRoleRule();
  const policy = (until: string): Policy => ({
    ...aPolicy({ resources: [aResource('share-x', { grants: { write: ['DL_X_RW'] } })] }),
    grants: [aGrant('REQ-42', { until })],
  });
  const snap = aSnapshot([anAccount('temp')], [aGroup('DL_X_RW')], [['temp', 'DL_X_RW']]);

  it('counts a grant in force as allowing its access, and an ended one as allowing nothing', () => {
    expect(findingsOf(sut, snap, policy('2026-12-31'))).toEqual([]);
    expect(findingsOf(sut, snap, policy('2026-11-14')).map((f) => `${f.subject.login} ${f.resource?.id}`)).toEqual(['temp share-x']);
  });
});

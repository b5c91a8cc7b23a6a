import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, aRecord, aResource, findingsOf, summary } from '../testing/audit-harness.js';
import { RegisterRule } from './r-register.rule.js';

describe(RegisterRule.name, () => {
  const sut = new RegisterRule();
  const snap = aSnapshot(
    [anAccount('intrus'), anAccount('paie')],
    [aGroup('GG_Compta'), aGroup('GG_Projets'), aGroup('DL_Compta_RW')],
    [
      ['GG_Compta', 'DL_Compta_RW'],
      ['GG_Projets', 'DL_Compta_RW'],
      ['intrus', 'DL_Compta_RW'],
      ['paie', 'GG_Compta'],
    ],
  );
  const compta = (record?: string) =>
    aResource('share-compta', { personalData: { categories: ['financial'], ...(record ? { record } : {}) }, grants: { write: ['DL_Compta_RW'] } });

  it('flags personal data without a known record, and principals put in a granting group outside the recipients', () => {
    expect(summary(findingsOf(sut, snap, aPolicy({ resources: [compta()] })))).toEqual(['share-compta share-compta medium']);
    expect(findingsOf(sut, snap, aPolicy({ resources: [compta('RT-9')] }))[0].message).toMatch(/RT-9, which is not in the register/);
    const findings = findingsOf(sut, snap, aPolicy({ resources: [compta('RT-1')], records: [aRecord('RT-1', ['GG_Compta'])] }));
    expect(summary(findings)).toEqual(['GG_Projets share-compta medium', 'intrus share-compta medium']);
    expect(findings.find((f) => f.subject.login === 'intrus')!.explain).toEqual([
      'intrus ∈ DL_Compta_RW (direct)',
      'DL_Compta_RW grants write on share-compta',
      'recipients of RT-1: GG_Compta',
    ]);
  });

  it('accepts a resource whose granting group is itself a recipient, and resources without personal data', () => {
    const policy = aPolicy({
      resources: [compta('RT-1'), aResource('share-libre', { grants: { write: ['DL_Compta_RW'] } })],
      records: [aRecord('RT-1', ['DL_Compta_RW'])],
    });
    expect(findingsOf(sut, snap, policy)).toEqual([]);
  });
});

import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, aResource, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { OpenShareRule } from './g-open-share.rule.js';

describe(OpenShareRule.name, () => {
  const sut = new OpenShareRule();
  const snap = () => {
    const s = aSnapshot(
      [anAccount('a', { objectSid: sidOf(1100), primaryGroupId: 513 })],
      [aGroup('Domain Users', { objectSid: sidOf(513) }), aGroup('DL_Commun_R'), aGroup('DL_Compta_RW'), aGroup('DL_RH_R'), aGroup('DL_Closed')],
      [
        ['Domain Users', 'DL_Commun_R'],
        ['Domain Users', 'DL_Compta_RW'],
        ['a', 'DL_Closed'],
      ],
    );
    // Authenticated Users as AD stores it in a group: a foreign security principal.
    s.memberships.push({ groupDnNorm: s.groups[3].dnNorm, memberDnNorm: 'cn=s-1-5-11,cn=foreignsecurityprincipals,dc=acme,dc=test' });
    return s;
  };

  it('rates each open resource: critical with personal data, high for write, else medium, with the chain', () => {
    const policy = aPolicy({
      resources: [
        aResource('commun', { grants: { read: ['DL_Commun_R'] } }),
        aResource('compta', { grants: { write: ['DL_Compta_RW'] } }),
        aResource('rh', { grants: { read: ['DL_RH_R'] }, personalData: { categories: ['health'], record: 'RT-2' } }),
        aResource('intranet', { grants: { read: ['Everyone'] } }),
      ],
    });
    const findings = findingsOf(sut, snap(), policy);
    expect(summary(findings)).toEqual([
      'Authenticated Users rh critical',
      'Domain Users commun medium',
      'Domain Users compta high',
      'Everyone intranet medium',
    ]);
    expect(findings.find((f) => f.resource?.id === 'commun')).toMatchObject({
      subject: { type: 'group', name: 'Domain Users', directory: 'corp' },
      evidence: { levels: ['read'], reachableAccounts: 1 },
      explain: ['Domain Users ∈ DL_Commun_R (nested)', 'DL_Commun_R grants read on commun'],
    });
  });

  it('leaves resources granted to ordinary groups alone', () => {
    expect(findingsOf(sut, snap(), aPolicy({ resources: [aResource('closed', { grants: { write: ['DL_Closed'] } })] }))).toEqual([]);
  });
});

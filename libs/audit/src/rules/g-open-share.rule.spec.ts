import { aGroup, aSnapshot, anAccount, anObject } from '#vigie/identity/testing';
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

  it('stays silent on a resource the policy declares meant for everyone, at any level', () => {
    const policy = aPolicy({
      resources: [
        aResource('commun', { grants: { read: ['DL_Commun_R'] }, audience: 'everyone' }),
        aResource('compta', { grants: { write: ['DL_Compta_RW'] }, audience: 'everyone' }),
        aResource('intranet', { grants: { read: ['Everyone'] }, audience: 'restricted' }),
      ],
    });
    expect(summary(findingsOf(sut, snap(), policy))).toEqual(['Everyone intranet medium']);
  });

  it('names the resource: its policy id, and the share the directory publishes for it (UNC path, DN)', () => {
    const published = snap();
    published.objects.push(anObject('share', 'Commun', { uncName: '\\\\FS01.acme.test\\Commun' }));
    const policy = aPolicy({ resources: [aResource('share-commun', { name: '//fs01.acme.test/commun/', grants: { read: ['DL_Commun_R'] } })] });
    const [finding] = findingsOf(sut, published, policy);
    expect(finding.resource).toEqual({ type: 'share', id: 'share-commun', name: '\\\\FS01.acme.test\\Commun' });
    expect(finding.message).toBe(
      'read access on share-commun (//fs01.acme.test/commun/) is granted to Domain Users, that is to everybody (declare audience: everyone if that is meant)',
    );
    expect(finding.evidence).toMatchObject({
      resource: 'share-commun',
      publishedAs: { directory: 'corp', kind: 'share', dn: 'CN=Commun,OU=Resources,DC=acme,DC=test', name: '\\\\FS01.acme.test\\Commun' },
    });
  });

  it('keeps the policy name of a resource the directory does not publish', () => {
    const [finding] = findingsOf(sut, snap(), aPolicy({ resources: [aResource('commun', { grants: { read: ['DL_Commun_R'] } })] }));
    expect(finding.resource).toEqual({ type: 'share', id: 'commun', name: '\\\\fs01\\commun' });
    expect(finding.evidence.publishedAs).toBeUndefined();
  });
});

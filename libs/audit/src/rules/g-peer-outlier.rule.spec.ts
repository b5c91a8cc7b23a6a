import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, aResource, findingsOf, summary } from '../testing/audit-harness.js';
import { PeerOutlierRule } from './g-peer-outlier.rule.js';

describe(PeerOutlierRule.name, () => {
  const sut = new PeerOutlierRule();
  const policy = aPolicy({
    resources: [aResource('share-rh', { grants: { write: ['DL_RH'] } }), aResource('share-ventes', { grants: { write: ['DL_Ventes'] } })],
  });
  const team = (n: number, over = {}) =>
    Array.from({ length: n }, (_, i) => anAccount(`v${i}`, { department: 'Ventes', title: 'Commercial', mail: `v${i}@acme.test`, ...over }));

  it('flags an access fewer than 10 % of the peers (same department and title) hold', () => {
    const people = team(12);
    const snap = aSnapshot(
      people,
      [aGroup('DL_RH'), aGroup('DL_Ventes')],
      [...people.map((p) => [p.login!, 'DL_Ventes'] as [string, string]), ['v3', 'DL_RH']],
    );
    const [f] = findingsOf(sut, snap, policy);
    expect(summary([f])).toEqual(['v3 share-rh info']);
    expect(f.evidence).toMatchObject({ peers: 11, peersWithAccess: 0, peerGroup: 'department and title' });
  });

  it('does not count access the identity gets by a birthright rule', () => {
    const people = team(12, { location: 'Lyon' });
    people[3] = anAccount('v3', { department: 'Ventes', title: 'Commercial', mail: 'v3@acme.test', location: 'Nantes' });
    const printers = aPolicy({
      resources: [aResource('printer-nantes', { type: 'printer', location: 'Nantes', grants: { write: ['DL_PRN_Nantes'] } })],
      rules: [{ description: 'the printers of the site', birthright: true, can: ['write'], on: 'printer', where: { location: '${identity.location}' } }],
    });
    const snap = aSnapshot(people, [aGroup('DL_PRN_Nantes')], [['v3', 'DL_PRN_Nantes']]);
    expect(findingsOf(sut, snap, printers)).toEqual([]);
    const allowedOnly = { ...printers, accessRules: printers.accessRules.map((r) => ({ ...r, birthright: false })) };
    expect(summary(findingsOf(sut, snap, allowedOnly))).toEqual(['v3 printer-nantes info']);
  });

  it('does not judge small teams, nor access shared by enough peers', () => {
    const small = team(5);
    expect(findingsOf(sut, aSnapshot(small, [aGroup('DL_RH')], [['v1', 'DL_RH']]), policy)).toEqual([]);
    const people = team(12);
    const snap = aSnapshot(
      people,
      [aGroup('DL_RH')],
      [
        ['v1', 'DL_RH'],
        ['v2', 'DL_RH'],
      ],
    ); // each has 1 of 11 peers: 9 %, v1 and v2 are flagged
    expect(findingsOf(sut, snap, policy)).toHaveLength(2);
    const shared = aSnapshot(
      people,
      [aGroup('DL_RH')],
      [
        ['v1', 'DL_RH'],
        ['v2', 'DL_RH'],
        ['v3', 'DL_RH'],
      ],
    ); // 2 of 11: 18 %
    expect(findingsOf(sut, shared, policy)).toEqual([]);
  });
});

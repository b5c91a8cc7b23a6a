import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, aResource, daysAgo, findingsOf, summary } from '../testing/audit-harness.js';
import { TempExpiredRule } from './g-temp-expired.rule.js';

describe(TempExpiredRule.name, () => {
  const sut = new TempExpiredRule();
  const policy = aPolicy({ resources: [aResource('share-x', { grants: { read: ['DL_X_R'], write: ['DL_X_RW'] } })] });

  it('flags an enabled account past its expiry that still reaches resources, explaining the strongest access', () => {
    const snap = aSnapshot(
      [anAccount('temp', { accountExpires: daysAgo(10) })],
      [aGroup('DL_X_R'), aGroup('DL_X_RW')],
      [
        ['temp', 'DL_X_R'],
        ['temp', 'DL_X_RW'],
      ],
    );
    const [f] = findingsOf(sut, snap, policy);
    expect(summary([f])).toEqual(['temp - high']);
    expect(f.evidence).toMatchObject({ daysSinceExpiry: 10, resources: ['share-x'] });
    expect(f.explain).toEqual([
      'accountExpires 2026-11-05 has passed; the account is still enabled',
      'temp ∈ DL_X_RW (direct)',
      'DL_X_RW grants write on share-x',
    ]);
  });

  it('leaves alone accounts not expired yet, disabled ones, and expired ones without access', () => {
    const snap = aSnapshot(
      [
        anAccount('future', { accountExpires: daysAgo(-10) }),
        anAccount('disabled', { enabled: false, accountExpires: daysAgo(10) }),
        anAccount('empty', { accountExpires: daysAgo(10) }),
      ],
      [aGroup('DL_X_R')],
      [
        ['future', 'DL_X_R'],
        ['disabled', 'DL_X_R'],
      ],
    );
    expect(findingsOf(sut, snap, policy)).toEqual([]);
  });

  it('flags an OpenLDAP account past its pwdEndTime (ppolicy) that still reaches resources', () => {
    const snap = aSnapshot([anAccount('contractor', { userAccountControl: null, pwdEndTime: daysAgo(3) })], [aGroup('DL_X_R')], [['contractor', 'DL_X_R']]);
    const [f] = findingsOf(sut, snap, policy);
    expect(summary([f])).toEqual(['contractor - high']);
    expect(f.evidence).toMatchObject({ pwdEndTime: daysAgo(3).toISOString(), daysSinceExpiry: 3, resources: ['share-x'] });
    expect(f.explain[0]).toBe('pwdEndTime 2026-11-12 has passed; the account is still enabled');
  });
});

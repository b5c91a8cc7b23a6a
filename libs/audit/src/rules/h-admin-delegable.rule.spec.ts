import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { AdminDelegableRule } from './h-admin-delegable.rule.js';

describe(AdminDelegableRule.name, () => {
  const sut = new AdminDelegableRule();

  it('flags a privileged account that can be delegated', () => {
    const snap = aSnapshot([anAccount('adm', { userAccountControl: 0x200 })], [aGroup('Domain Admins', { objectSid: sidOf(512) })], [['adm', 'Domain Admins']]);
    const [f] = findingsOf(sut, snap);
    expect(summary([f])).toEqual(['adm - medium']);
    expect(f.explain).toEqual([
      'userAccountControl 512 lacks NOT_DELEGATED (0x100000)',
      'the directory has no Protected Users group',
      'adm ∈ Domain Admins (direct)',
      'Domain Admins is a privileged group',
    ]);
  });

  it('accepts NOT_DELEGATED or membership of Protected Users, nested included', () => {
    const snap = aSnapshot(
      [anAccount('flagged', { userAccountControl: 0x100200 }), anAccount('protected', { userAccountControl: 0x200 })],
      [aGroup('Domain Admins', { objectSid: sidOf(512) }), aGroup('Protected Users', { objectSid: sidOf(525) }), aGroup('GG_Tier0')],
      [
        ['flagged', 'Domain Admins'],
        ['protected', 'GG_Tier0'],
        ['GG_Tier0', 'Domain Admins'],
        ['GG_Tier0', 'Protected Users'],
      ],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});

import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { GuestRule } from './h-guest.rule.js';

describe(GuestRule.name, () => {
  const sut = new GuestRule();

  it('flags the enabled Guest account by its RID, whatever its name', () => {
    const snap = aSnapshot([anAccount('Invité', { objectSid: sidOf(501), userAccountControl: 0x10220 })], []);
    expect(summary(findingsOf(sut, snap))).toEqual(['Invité - high']);
  });

  it('accepts a disabled Guest and ignores other accounts', () => {
    const snap = aSnapshot([anAccount('Guest', { objectSid: sidOf(501), enabled: false }), anAccount('guest2', { objectSid: sidOf(1501) })], []);
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});

import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, summary } from '../testing/audit-harness.js';
import { ReversibleRule } from './h-reversible.rule.js';

describe(ReversibleRule.name, () => {
  const sut = new ReversibleRule();

  it('flags a password stored with reversible encryption', () => {
    const [f] = findingsOf(sut, aSnapshot([anAccount('rev', { userAccountControl: 0x280 })], []));
    expect(summary([f])).toEqual(['rev - medium']);
    expect(f.evidence).toEqual({ userAccountControl: 0x280 });
  });

  it('leaves other accounts, and directories without userAccountControl, alone', () => {
    expect(findingsOf(sut, aSnapshot([anAccount('ok'), anAccount('ldap', { userAccountControl: null })], []))).toEqual([]);
  });
});

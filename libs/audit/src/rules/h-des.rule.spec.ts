import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, summary } from '../testing/audit-harness.js';
import { DesRule } from './h-des.rule.js';

describe(DesRule.name, () => {
  const sut = new DesRule();

  it('flags an account restricted to DES keys, computers included', () => {
    const snap = aSnapshot([anAccount('old', { userAccountControl: 0x200200 }), anAccount('PC1$', { kind: 'computer', userAccountControl: 0x201000 })], []);
    expect(summary(findingsOf(sut, snap))).toEqual(['PC1$ - high', 'old - high']);
  });

  it('leaves accounts without the flag alone', () => {
    expect(findingsOf(sut, aSnapshot([anAccount('ok', { userAccountControl: 0x10200 })], []))).toEqual([]);
  });
});

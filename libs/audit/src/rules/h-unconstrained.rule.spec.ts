import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, summary } from '../testing/audit-harness.js';
import { UnconstrainedDelegationRule } from './h-unconstrained.rule.js';

describe(UnconstrainedDelegationRule.name, () => {
  const sut = new UnconstrainedDelegationRule();

  it('flags a server or user trusted for unconstrained delegation', () => {
    const snap = aSnapshot(
      [anAccount('APP01$', { kind: 'computer', userAccountControl: 0x81000, primaryGroupId: 515 }), anAccount('svc_web', { userAccountControl: 0x80200 })],
      [],
    );
    expect(summary(findingsOf(sut, snap))).toEqual(['APP01$ - high', 'svc_web - high']);
  });

  it('accepts domain controllers, which need it', () => {
    const snap = aSnapshot(
      [
        anAccount('DC01$', { kind: 'computer', userAccountControl: 0x82000, primaryGroupId: 516 }),
        anAccount('PC1$', { kind: 'computer', userAccountControl: 0x1000 }),
      ],
      [],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});

import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, daysAgo, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { KrbtgtRule } from './h-krbtgt.rule.js';

describe(KrbtgtRule.name, () => {
  const sut = new KrbtgtRule();
  const krbtgt = (days: number) => aSnapshot([anAccount('krbtgt', { objectSid: sidOf(502), enabled: false, pwdLastSet: daysAgo(days) })], []);

  it('flags a krbtgt password older than a year, disabled as krbtgt always is', () => {
    const [f] = findingsOf(sut, krbtgt(400));
    expect(summary([f])).toEqual(['krbtgt - high']);
    expect(f.evidence).toMatchObject({ ageDays: 400, thresholdDays: 366 });
  });

  it('accepts a rotated krbtgt, and follows the policy threshold', () => {
    expect(findingsOf(sut, krbtgt(200))).toEqual([]);
    expect(findingsOf(sut, krbtgt(200), aPolicy({ settings: { rules: { 'H-KRBTGT': { thresholdDays: 180 } } } }))).toHaveLength(1);
  });
});

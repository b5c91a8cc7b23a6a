import type { LockoutSighting } from '#vigie/identity';
import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { ASOF, aPolicy, findingsOf, summary } from '../testing/audit-harness.js';
import { RepeatedLockoutRule } from './h-repeated-lockout.rule.js';

const hoursAgo = (n: number) => new Date(ASOF.getTime() - n * 3_600_000);

describe(RepeatedLockoutRule.name, () => {
  const sut = new RepeatedLockoutRule();
  const victim = anAccount('victim', { lockedOutAt: hoursAgo(1) });
  const sighting = (account: typeof victim, at: Date): LockoutSighting => ({
    directory: account.directory,
    dnNorm: account.dnNorm,
    lockedOutAt: at,
    runId: 'run-1',
    seenAt: at,
  });

  it('flags an account locked out three times within 24 hours: two recorded by sync runs and the current one', () => {
    const snap = aSnapshot([victim, anAccount('once', { lockedOutAt: hoursAgo(2) })], []);
    const lockouts = [sighting(victim, hoursAgo(20)), sighting(victim, hoursAgo(5)), sighting(victim, hoursAgo(1))];
    const findings = findingsOf(sut, snap, aPolicy(), ASOF, { lockouts });
    expect(summary(findings)).toEqual(['victim - high']);
    expect(findings[0].evidence).toMatchObject({ lockouts: [hoursAgo(20), hoursAgo(5), hoursAgo(1)].map((d) => d.toISOString()), windowHours: 24 });
  });

  it('counts neither lockouts older than the window nor the same lockout seen twice, and needs the history', () => {
    const snap = aSnapshot([victim], []);
    const lockouts = [sighting(victim, hoursAgo(30)), sighting(victim, hoursAgo(5)), sighting(victim, hoursAgo(5))];
    expect(findingsOf(sut, snap, aPolicy(), ASOF, { lockouts })).toEqual([]);
    expect(findingsOf(sut, snap)).toEqual([]);
  });

  it('takes its threshold and window from the policy', () => {
    const policy = aPolicy({ settings: { rules: { 'H-REPEATED-LOCKOUT': { minLockouts: 2, windowHours: 48 } } } });
    const findings = findingsOf(sut, aSnapshot([victim], []), policy, ASOF, { lockouts: [sighting(victim, hoursAgo(40))] });
    expect(summary(findings)).toEqual(['victim - high']);
  });
});

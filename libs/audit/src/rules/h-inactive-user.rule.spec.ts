import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, daysAgo, findingsOf, summary } from '../testing/audit-harness.js';
import { InactiveUserRule } from './h-inactive-user.rule.js';

describe(InactiveUserRule.name, () => {
  const sut = new InactiveUserRule();

  it('flags an enabled account unused past the threshold, high past a year, and leaves recent ones alone', () => {
    const snap = aSnapshot(
      [anAccount('idle', { lastLogon: daysAgo(200) }), anAccount('gone-quiet', { lastLogon: daysAgo(400) }), anAccount('busy', { lastLogon: daysAgo(2) })],
      [],
    );
    expect(summary(findingsOf(sut, snap))).toEqual(['gone-quiet - high', 'idle - medium']);
  });

  it("takes both thresholds from the policy's settings", () => {
    const snap = aSnapshot(
      [anAccount('idle', { lastLogon: daysAgo(200) }), anAccount('gone-quiet', { lastLogon: daysAgo(400) }), anAccount('busy', { lastLogon: daysAgo(100) })],
      [],
    );
    const policy = aPolicy({ settings: { rules: { 'H-INACTIVE-USER': { thresholdDays: 90, highAfterDays: 180 } } } });
    const findings = findingsOf(sut, snap, policy);
    expect(summary(findings)).toEqual(['busy - medium', 'gone-quiet - high', 'idle - high']);
    expect(findings.find((f) => f.subject.login === 'idle')!.explain[1]).toBe('200 days without activity, threshold 90 days, over 180: high');
  });

  it('warns of the lag of lastLogonTimestamp on AD only: OpenLDAP logon times are exact', () => {
    const ad = anAccount('ad-user', { lastLogon: daysAgo(200) });
    const ldap = anAccount('ldap-user', { lastLogon: daysAgo(200), userAccountControl: null });
    const [adFinding, ldapFinding] = ['ad-user', 'ldap-user'].map((login) =>
      findingsOf(sut, aSnapshot([ad, ldap], [])).find((f) => f.subject.login === login)!,
    );
    expect(adFinding.explain[0]).toBe(`last logon ${daysAgo(200).toISOString().slice(0, 10)} (lastLogonTimestamp lags up to 14 days on AD)`);
    expect(ldapFinding.explain[0]).toBe(`last logon ${daysAgo(200).toISOString().slice(0, 10)}`);
  });
});

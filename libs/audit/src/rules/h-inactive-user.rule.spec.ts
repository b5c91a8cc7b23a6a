import { aSnapshot, anAccount } from '#vigie/identity';
import { daysAgo, findingsOf, summary } from '../testing/audit-harness.js';
import { InactiveUserRule } from './h-inactive-user.rule.js';

describe(InactiveUserRule.name, () => {
  const sut = new InactiveUserRule();

  it('flags an enabled account unused past the threshold, high past a year, and leaves recent ones alone', () => {
    const snap = aSnapshot([anAccount('idle', { lastLogon: daysAgo(200) }), anAccount('gone-quiet', { lastLogon: daysAgo(400) }), anAccount('busy', { lastLogon: daysAgo(2) })], []);
    expect(summary(findingsOf(sut, snap))).toEqual(['gone-quiet - high', 'idle - medium']);
  });

  it('warns of the lag of lastLogonTimestamp on AD only: OpenLDAP logon times are exact', () => {
    const ad = anAccount('ad-user', { lastLogon: daysAgo(200) });
    const ldap = anAccount('ldap-user', { lastLogon: daysAgo(200), userAccountControl: null });
    const [adFinding, ldapFinding] = ['ad-user', 'ldap-user'].map((login) => findingsOf(sut, aSnapshot([ad, ldap], [])).find((f) => f.subject.login === login)!);
    expect(adFinding.explain[0]).toBe(`last logon ${daysAgo(200).toISOString().slice(0, 10)} (lastLogonTimestamp lags up to 14 days on AD)`);
    expect(ldapFinding.explain[0]).toBe(`last logon ${daysAgo(200).toISOString().slice(0, 10)}`);
  });
});

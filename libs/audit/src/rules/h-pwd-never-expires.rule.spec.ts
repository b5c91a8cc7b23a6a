import { aGroup, aSnapshot, anAccount, anObject } from '#vigie/identity/testing';
import { findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { PrivNeverExpiresRule } from './h-priv-never-expires.rule.js';
import { PwdNeverExpiresRule } from './h-pwd-never-expires.rule.js';

const NO_EXPIRY = 'cn=noexpire,ou=policies,dc=acme,dc=test';
const DEFAULT = 'cn=default,ou=policies,dc=acme,dc=test';

describe(PwdNeverExpiresRule.name, () => {
  const sut = new PwdNeverExpiresRule();
  const policies = [
    anObject('password-policy', 'noexpire', { dn: NO_EXPIRY, pwdMaxAge: 0 }),
    anObject('password-policy', 'default', { dn: DEFAULT, pwdMaxAge: 7_776_000 }),
  ];
  const ldap = (login: string, over: Parameters<typeof anAccount>[1] = {}) =>
    anAccount(login, { dn: `uid=${login},ou=people,dc=acme,dc=test`, userAccountControl: null, ...over });

  it("flags an AD account with DONT_EXPIRE_PASSWORD and an OpenLDAP account whose policy's pwdMaxAge is 0, saying which policy", () => {
    const snap = aSnapshot(
      [
        anAccount('ad-never', { userAccountControl: 66048 }),
        anAccount('ad-expires', { userAccountControl: 512 }),
        ldap('subentry-never', { passwordPolicyDn: 'CN=NoExpire,OU=Policies,DC=acme,DC=test' }),
        ldap('default-expires', { passwordPolicyDn: DEFAULT }),
        ldap('no-policy'),
        ldap('unknown-policy', { passwordPolicyDn: 'cn=elsewhere,dc=other,dc=test' }),
        ldap('locked-never', { passwordPolicyDn: NO_EXPIRY, enabled: false }),
      ],
      [],
      [],
      policies,
    );
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['ad-never - medium', 'subentry-never - medium']);
    const openldap = findings.find((f) => f.subject.login === 'subentry-never')!;
    expect(openldap.evidence).toEqual({ passwordPolicy: NO_EXPIRY, pwdMaxAge: 0 });
    expect(openldap.explain[0]).toBe(`password policy ${NO_EXPIRY} (ppolicy) has pwdMaxAge 0: its passwords never expire`);
  });

  it('takes a policy without pwdMaxAge as never expiring, and leaves a privileged account to H-PRIV-NEVER-EXPIRES', () => {
    const snap = aSnapshot(
      [ldap('admin', { passwordPolicyDn: NO_EXPIRY }), ldap('user', { passwordPolicyDn: DEFAULT })],
      [aGroup('Domain Admins', { objectSid: sidOf(512) })],
      [['admin', 'Domain Admins']],
      [anObject('password-policy', 'noexpire', { dn: NO_EXPIRY, pwdMaxAge: null }), anObject('password-policy', 'default', { dn: DEFAULT, pwdMaxAge: 0 })],
    );
    expect(summary(findingsOf(sut, snap))).toEqual(['user - medium']);
    const [priv] = findingsOf(new PrivNeverExpiresRule(), snap);
    expect(summary([priv])).toEqual(['admin - critical']);
    expect(priv.evidence).toEqual({ passwordPolicy: NO_EXPIRY, pwdMaxAge: 0, privilegedGroups: ['Domain Admins'] });
  });
});

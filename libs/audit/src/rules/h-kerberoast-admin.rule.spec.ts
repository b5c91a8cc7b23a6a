import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, daysAgo, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { KerberoastAdminRule } from './h-kerberoast-admin.rule.js';

describe(KerberoastAdminRule.name, () => {
  const sut = new KerberoastAdminRule();
  const admins = aGroup('Domain Admins', { objectSid: sidOf(512) });
  const tier0 = aGroup('GG_Tier0');
  const spn = ['MSSQLSvc/sql01.acme.test:1433'];

  it('flags a privileged account with a service principal name and a password older than 40 days, nested included', () => {
    const snap = aSnapshot(
      [anAccount('svc_sql', { servicePrincipalNames: spn, pwdLastSet: daysAgo(400) })],
      [admins, tier0],
      [
        ['svc_sql', 'GG_Tier0'],
        ['GG_Tier0', 'Domain Admins'],
      ],
    );
    const [f, ...rest] = findingsOf(sut, snap);
    expect(rest).toEqual([]);
    expect(summary([f])).toEqual(['svc_sql - critical']);
    expect(f.evidence).toMatchObject({ servicePrincipalNames: spn, ageDays: 400, thresholdDays: 40, privilegedGroups: ['Domain Admins'] });
    expect(f.explain).toEqual([
      'servicePrincipalName MSSQLSvc/sql01.acme.test:1433: any domain user can request a ticket encrypted with its password',
      `password last set ${daysAgo(400).toISOString().slice(0, 10)}, 400 days ago; threshold 40 days`,
      'svc_sql ∈ GG_Tier0 (direct)',
      'GG_Tier0 ∈ Domain Admins (nested)',
      'Domain Admins is a privileged group',
    ]);
  });

  it('judges a password never set on the creation date', () => {
    const snap = aSnapshot(
      [anAccount('svc_old', { servicePrincipalNames: spn, pwdLastSet: null, whenCreated: daysAgo(90) })],
      [admins],
      [['svc_old', 'Domain Admins']],
    );
    expect(summary(findingsOf(sut, snap))).toEqual(['svc_old - critical']);
  });

  it('accepts a recent password (40 days is the limit), a privileged account without SPN, an unprivileged one with SPN, a disabled one', () => {
    const snap = aSnapshot(
      [
        anAccount('rotated', { servicePrincipalNames: spn, pwdLastSet: daysAgo(40) }),
        anAccount('adm', { pwdLastSet: daysAgo(400) }),
        anAccount('svc_web', { servicePrincipalNames: ['HTTP/intranet'], pwdLastSet: daysAgo(400) }),
        anAccount('old_svc', { servicePrincipalNames: spn, pwdLastSet: daysAgo(400), enabled: false }),
      ],
      [admins],
      [
        ['rotated', 'Domain Admins'],
        ['adm', 'Domain Admins'],
        ['old_svc', 'Domain Admins'],
      ],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });

  it('follows the threshold and severity of the policy, and privileged groups it adds', () => {
    const snap = aSnapshot(
      [anAccount('svc_app', { servicePrincipalNames: spn, pwdLastSet: daysAgo(30) })],
      [aGroup('GG_App_Admins')],
      [['svc_app', 'GG_App_Admins']],
    );
    const policy = aPolicy({ settings: { privilegedGroups: ['GG_App_Admins'], rules: { 'H-KERBEROAST-ADMIN': { thresholdDays: 20, severity: 'high' } } } });
    expect(summary(findingsOf(sut, snap, policy))).toEqual(['svc_app - high']);
    expect(findingsOf(sut, snap, aPolicy({ settings: { privilegedGroups: ['GG_App_Admins'] } }))).toEqual([]);
  });
});

import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { AdminDailyRule } from './g-admin-daily.rule.js';

describe(AdminDailyRule.name, () => {
  const sut = new AdminDailyRule();
  const admins = (...accounts: ReturnType<typeof anAccount>[]) =>
    aSnapshot(
      accounts,
      [aGroup('Domain Admins', { objectSid: sidOf(512) })],
      accounts.map((a) => [a.login!, 'Domain Admins'] as [string, string]),
    );

  it('flags privileges on an everyday account with a mailbox, and a privileged account nobody owns', () => {
    const snap = admins(
      anAccount('jdupont', { mail: 'j.dupont@acme.test', employeeId: 'E1', objectSid: sidOf(1105) }),
      anAccount('admin2', { objectSid: sidOf(1106) }),
    );
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['admin2 - medium', 'jdupont - medium']);
    expect(findings.find((f) => f.subject.login === 'jdupont')!.message).toMatch(/mailbox/);
    expect(findings.find((f) => f.subject.login === 'admin2')!.message).toMatch(/belongs to nobody/);
  });

  it('accepts separate administration accounts, declared service accounts and the built-in Administrator', () => {
    const snap = admins(
      anAccount('adm-jdupont', { employeeId: 'E1', objectSid: sidOf(1107) }),
      anAccount('svc_backup', { objectSid: sidOf(1108) }),
      anAccount('Administrator', { objectSid: sidOf(500) }),
    );
    expect(findingsOf(sut, snap, aPolicy({ settings: { serviceAccounts: ['svc_backup'] } }))).toEqual([]);
  });
});

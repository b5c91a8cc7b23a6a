import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { AsRepRule } from './h-asrep.rule.js';

describe(AsRepRule.name, () => {
  const sut = new AsRepRule();

  it('flags an account without Kerberos pre-authentication, critical when privileged', () => {
    const snap = aSnapshot(
      [anAccount('roast', { userAccountControl: 0x400200 }), anAccount('admin', { userAccountControl: 0x400200 })],
      [aGroup('Domain Admins', { objectSid: sidOf(512) })],
      [['admin', 'Domain Admins']],
    );
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['admin - critical', 'roast - high']);
    expect(findings.find((f) => f.subject.login === 'admin')!.explain).toEqual([
      'userAccountControl 4194816 has DONT_REQ_PREAUTH (0x400000)',
      'anyone may ask the KDC for a reply encrypted with its password, and crack it offline',
      'admin ∈ Domain Admins (direct)',
      'Domain Admins is a privileged group',
    ]);
  });

  it('leaves pre-authenticated and disabled accounts alone', () => {
    const snap = aSnapshot([anAccount('ok', { userAccountControl: 0x200 }), anAccount('off', { enabled: false, userAccountControl: 0x400202 })], []);
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});

import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { ASOF, aPolicy, findingsOf } from '../testing/audit-harness.js';
import { PwdSprayRule } from './h-pwd-spray.rule.js';

const minutesAgo = (n: number) => new Date(ASOF.getTime() - n * 60_000);

describe(PwdSprayRule.name, () => {
  const sut = new PwdSprayRule();
  const failing = (count: number, at: (i: number) => Date, over: Parameters<typeof anAccount>[1] = {}) =>
    Array.from({ length: count }, (_, i) => anAccount(`user${String(i).padStart(2, '0')}`, { badPasswordCount: 1, lastBadPassword: at(i), ...over }));

  it('raises one finding on the directory when 20 accounts fail their password within 30 minutes', () => {
    const snap = aSnapshot([...failing(20, (i) => minutesAgo(i)), anAccount('calm')], []);
    const [f, ...rest] = findingsOf(sut, snap);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'H-PWD-SPRAY', severity: 'critical', subject: { type: 'directory', name: 'corp' } });
    expect(f.evidence).toMatchObject({ accounts: 20, windowMinutes: 30, firstFailure: minutesAgo(19).toISOString(), lastFailure: ASOF.toISOString() });
    expect(f.explain[0]).toMatch(/^20 distinct accounts \(threshold 20\) have a failed password between /);
    expect(f.explain[2]).toMatch(/not replicated/);
  });

  it('stays silent under the threshold and for failures older than the window', () => {
    expect(
      findingsOf(
        sut,
        aSnapshot(
          failing(19, (i) => minutesAgo(i)),
          [],
        ),
      ),
    ).toEqual([]);
    expect(
      findingsOf(
        sut,
        aSnapshot(
          failing(25, (i) => minutesAgo(31 + i)),
          [],
        ),
      ),
    ).toEqual([]);
  });

  it('takes its threshold and window from the policy, and explains OpenLDAP failures by pwdFailureTime', () => {
    const policy = aPolicy({ settings: { rules: { 'H-PWD-SPRAY': { minAccounts: 3, windowMinutes: 120 } } } });
    const snap = aSnapshot(
      failing(3, (i) => minutesAgo(100 + i), { userAccountControl: null }),
      [],
    );
    const [f] = findingsOf(sut, snap, policy);
    expect(f.evidence).toMatchObject({ accounts: 3, windowMinutes: 120 });
    expect(f.explain[2]).toBe('from the pwdFailureTime values ppolicy records on each account');
  });
});

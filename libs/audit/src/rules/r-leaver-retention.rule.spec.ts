import { type HrRecord, HrRoster } from '#vigie/hr';
import { anHrRecord } from '#vigie/hr/testing';
import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, daysAgo, findingsOf, summary } from '../testing/audit-harness.js';
import { LeaverRetentionRule } from './r-leaver-retention.rule.js';

const person = (employeeId: string, endDate: Date | null, login: string | null = null): HrRecord => anHrRecord({ employeeId, endDate, login });

describe(LeaverRetentionRule.name, () => {
  const sut = new LeaverRetentionRule();
  const snap = aSnapshot(
    [
      anAccount('old', { employeeId: 'E1', enabled: false }),
      anAccount('edge', { employeeId: 'E2', enabled: false }),
      anAccount('recent', { employeeId: 'E3', enabled: false }),
      anAccount('active', { employeeId: 'E4' }),
      anAccount('staying', { employeeId: 'E5', enabled: false }),
      anAccount('bylogin', { enabled: false }),
      anAccount('PC1$', { kind: 'computer', employeeId: 'E1', enabled: false }),
    ],
    [],
  );
  const hr = new HrRoster([
    person('E1', daysAgo(200)),
    person('E2', daysAgo(90)),
    person('E3', daysAgo(30)),
    person('E4', daysAgo(200)),
    person('E5', null),
    person('E6', daysAgo(91), 'bylogin'),
  ]);

  it('flags a disabled leaver account kept beyond 90 days after the HR end date', () => {
    const findings = findingsOf(sut, snap, aPolicy(), undefined, { hr });
    expect(summary(findings)).toEqual(['bylogin - medium', 'old - medium']);
    expect(findings.find((f) => f.subject.login === 'old')).toMatchObject({
      evidence: { endDate: daysAgo(200).toISOString().slice(0, 10), daysSinceEnd: 200, retentionDays: 90 },
    });
  });

  it('follows retention.leaverAccountDays of the settings', () => {
    const policy = aPolicy({ settings: { retention: { leaverAccountDays: 20, auditLogMonths: 12 } } });
    expect(summary(findingsOf(sut, snap, policy, undefined, { hr }))).toEqual(['bylogin - medium', 'edge - medium', 'old - medium', 'recent - medium']);
  });

  it('leaves enabled leavers to G-LEAVER, and is silent without HR data', () => {
    expect(findingsOf(sut, snap, aPolicy(), undefined, { hr }).map((f) => f.subject.login)).not.toContain('active');
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});

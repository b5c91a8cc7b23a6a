import { aSnapshot } from '#vigie/identity/testing';
import type { LogRetentionFact } from '../ports/log-retention.source.js';
import { aPolicy, daysAgo, findingsOf } from '../testing/audit-harness.js';
import { LogRetentionRule, monthsToDays } from './r-log-retention.rule.js';

describe(LogRetentionRule.name, () => {
  const sut = new LogRetentionRule();
  const none = aSnapshot([], []);
  const fact = (log: string, retentionDays: number, oldestAgo: number | null, justification: string | null = null): LogRetentionFact => ({
    log,
    description: `${log} entries`,
    retentionDays,
    justification,
    setting: `trail.retention.${log}.days`,
    oldestEntry: oldestAgo === null ? null : daysAgo(oldestAgo),
  });
  const run = (facts: LogRetentionFact[] | null, policy = aPolicy()) => findingsOf(sut, none, policy, undefined, { logRetention: facts });

  it('counts months as the trail does', () => {
    expect([6, 12, 36].map(monthsToDays)).toEqual([183, 365, 1095]);
  });

  it('flags a log kept less than 6 months, or longer than the policy window, as a finding about the log', () => {
    const findings = run([fact('short', 90, 10), fact('long', 400, 10, 'litigation'), fact('ok', 365, 300), fact('min', 183, 100)]);
    expect(findings.map((f) => `${f.subject.type}:${f.subject.name} ${f.severity}`).sort()).toEqual(['log:long medium', 'log:short medium']);
    const long = findings.find((f) => f.subject.name === 'long')!;
    expect(long.message).toBe('long (long entries) is configured to keep 400 days, beyond the 12 months the policy allows');
    expect(long.explain).toContain('long keeps 400 days (trail.retention.long.days), justified: litigation');
    expect(long.evidence).toMatchObject({ retentionDays: 400, policyAuditLogMonths: 12 });
  });

  it('accepts a longer retention the policy documents, and flags entries older than the retention (pruning not run)', () => {
    const policy = aPolicy({ settings: { retention: { leaverAccountDays: 90, auditLogMonths: 24, auditLogJustification: 'fraud investigations' } } });
    const findings = run([fact('access', 700, 10), fact('change', 365, 366), fact('operation', 365, 365)], policy);
    expect(findings.map((f) => f.subject.name)).toEqual(['change']);
    expect(findings[0].message).toMatch(/holds entries 366 days old, past its own retention of 365 days: pruning has not run/);
  });

  it('is silent when the application told nothing (an offline audit), and with empty logs in the window', () => {
    expect(run(null)).toEqual([]);
    expect(run([fact('access', 365, null)])).toEqual([]);
  });
});

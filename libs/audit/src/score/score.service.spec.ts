import type { AuditRunRecord } from '../audit-run.model.js';
import type { LifecyclePlan } from '../finding-lifecycle.js';
import type { Finding } from '../finding.model.js';
import { ScoreHistorySource } from '../ports/score-history.source.js';
import { scoreCounts, talliesOfCounts } from './score-counts.js';
import type { RuleTally } from './security-score.js';
import { ScoreService } from './score.service.js';

const run = (id: string, counts: Record<string, number>): AuditRunRecord => ({
  id,
  status: 'succeeded',
  startedAt: new Date('2026-12-01T02:00:00Z'),
  finishedAt: new Date('2026-12-01T02:05:00Z'),
  asOf: new Date('2026-12-01T02:00:00Z'),
  policyVersion: 'v1',
  counts,
  error: null,
});

class History extends ScoreHistorySource {
  asked: Array<{ since: Date; timezone: string }> = [];
  constructor(
    private readonly tallies: RuleTally[],
    private readonly days: Array<{ day: string; run: AuditRunRecord }>,
  ) {
    super();
  }
  currentTallies = async () => this.tallies;
  lastRunOfEachDay = async (since: Date, timezone: string) => {
    this.asked.push({ since, timezone });
    return this.days;
  };
}

const finding = (id: string, rule: string, severity: Finding['severity']): Finding => ({
  id,
  rule,
  severity,
  subject: { type: 'account', directory: 'corp', dn: null, login: id, employeeId: null },
  resource: null,
  message: '',
  evidence: {},
  explain: [],
});

describe('ScoreService', () => {
  it('has no score before any audit', async () => {
    expect(await new ScoreService({ latestRun: async () => null }, new History([], [])).current()).toBeNull();
  });

  it('scores the latest run on the tallies that count now', async () => {
    const service = new ScoreService({ latestRun: async () => run('r2', {}) }, new History([{ rule: 'H-A', severity: 'high', count: 2 }], []));
    expect(await service.current()).toMatchObject({ runId: 'r2', score: { score: 89, level: 2 } });
  });

  it('draws the trend from what each run kept, and has no score for a run that kept nothing', async () => {
    const history = new History(
      [],
      [
        { day: '2026-11-30', run: run('old', { 'severity:high': 3 }) },
        { day: '2026-12-01', run: run('new', { 'score:kept': 1, 'score:G-X:critical': 1, 'severity:critical': 1, 'severity:low': 4 }) },
      ],
    );
    const now = new Date('2026-12-07T12:00:00Z');
    const points = await new ScoreService({ latestRun: async () => null }, history).trend(90, 'Europe/Paris', now);
    expect(history.asked).toEqual([{ since: new Date('2026-09-08T12:00:00Z'), timezone: 'Europe/Paris' }]);
    expect(points.map((p) => [p.day, p.score, p.level, p.bySeverity.high, p.bySeverity.low])).toEqual([
      ['2026-11-30', null, null, 3, 0],
      ['2026-12-01', 80, 1, 0, 4],
    ]);
  });
});

describe('scoreCounts', () => {
  it('keeps the findings that count by rule and severity, leaving out those whose risk is accepted', () => {
    const findings = [finding('a', 'H-A', 'high'), finding('b', 'H-A', 'high'), finding('c', 'G-B', 'low')];
    const state = (id: string, status: 'open' | 'risk-accepted') => ({ state: { id, status }, transition: 'still-open' });
    const lifecycle = { changes: [state('a', 'open'), state('b', 'risk-accepted'), state('c', 'open')] } as unknown as LifecyclePlan;
    const counts = scoreCounts(findings, lifecycle);
    expect(counts).toEqual({ 'score:kept': 1, 'score:H-A:high': 1, 'score:G-B:low': 1 });
    expect(talliesOfCounts(counts)).toEqual([
      { rule: 'H-A', severity: 'high', count: 1 },
      { rule: 'G-B', severity: 'low', count: 1 },
    ]);
  });

  it('tells a run with nothing that counts from a run that kept nothing', () => {
    expect(talliesOfCounts(scoreCounts([], { changes: [] } as unknown as LifecyclePlan))).toEqual([]);
    expect(talliesOfCounts({ total: 3, 'rule:H-A': 3 })).toBeNull();
  });
});

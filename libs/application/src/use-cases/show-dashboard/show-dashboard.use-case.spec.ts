import { type AuditRunRecord, type FindingBreakdownRow, type FindingStore, type ScorePoint, type ScoreService, securityScore } from '#vigie/audit';
import type { VigieConfig } from '#vigie/config';
import type { DirectorySyncRuns, SyncRunRecord, SyncRunStore } from '#vigie/identity';
import { parsedBy, refusalsOf } from '../../testing/index.js';
import { ShowDashboard, TREND_DAYS } from './show-dashboard.use-case.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const run: AuditRunRecord = {
  id: 'run-7',
  status: 'succeeded',
  startedAt: new Date('2026-12-07T02:00:00Z'),
  finishedAt: new Date('2026-12-07T02:01:00Z'),
  asOf: new Date('2026-12-07T02:00:00Z'),
  policyVersion: 'v1',
  counts: { total: 9, 'lifecycle:new': 3, 'lifecycle:reopened': 1, 'lifecycle:resolved': 2 },
  error: null,
};
const rows: FindingBreakdownRow[] = [
  { rule: 'H-PWD-NEVER-EXPIRES', severity: 'medium', status: 'open', counting: true, count: 4 },
  { rule: 'H-PWD-NEVER-EXPIRES', severity: 'medium', status: 'acknowledged', counting: true, count: 1 },
  { rule: 'G-SOD', severity: 'high', status: 'risk-accepted', counting: false, count: 2 },
  { rule: 'G-SOD', severity: 'high', status: 'risk-accepted', counting: true, count: 1 },
  { rule: 'R-REGISTER', severity: 'low', status: 'open', counting: true, count: 1 },
];
const point: ScorePoint = {
  day: '2026-12-07',
  runId: 'run-7',
  asOf: run.asOf,
  score: 80,
  level: 2,
  bySeverity: { critical: 0, high: 3, medium: 5, low: 1, info: 0 },
};
const syncRun = (over: Partial<SyncRunRecord>): SyncRunRecord => ({
  id: 'r',
  directory: 'corp-ad',
  mode: 'incremental',
  status: 'succeeded',
  startedAt: new Date('2026-12-07T09:00:00Z'),
  finishedAt: new Date('2026-12-07T09:00:02.5Z'),
  error: null,
  stats: {},
  ...over,
});
const config = {
  scheduler: { timezone: 'Europe/Paris' },
  directories: [
    { name: 'corp-ad', kind: 'ad' },
    { name: 'corp-ldap', kind: 'ldap' },
    { name: 'export', kind: 'ldif' },
  ],
} as unknown as Pick<VigieConfig, 'directories' | 'scheduler'>;

describe(ShowDashboard.name, () => {
  let latest: AuditRunRecord | null;
  let asked: { breakdown: Array<[string, Date]>; trend: Array<[number, string, Date | undefined]>; syncs: string[][] };
  let sut: ShowDashboard;

  beforeEach(() => {
    latest = run;
    asked = { breakdown: [], trend: [], syncs: [] };
    const findings: Pick<FindingStore, 'latestRun' | 'breakdown'> = {
      latestRun: async () => latest,
      breakdown: async (id, now) => (asked.breakdown.push([id, now]), rows),
    };
    const scores: Pick<ScoreService, 'trend'> = { trend: async (days, tz, now) => (asked.trend.push([days, tz, now]), latest ? [point] : []) };
    const syncRuns: Pick<SyncRunStore, 'latestPerDirectory'> = {
      latestPerDirectory: async (names): Promise<DirectorySyncRuns[]> => {
        asked.syncs.push([...names]);
        const failed = syncRun({ status: 'failed', startedAt: new Date('2026-12-07T09:30:00Z'), finishedAt: new Date('2026-12-07T09:30:01Z') });
        const ok = syncRun({ stats: { added: 2, modified: 3, moved: 1, removed: 1, membershipsAdded: 4, membershipsRemoved: 1, entries: 99 } });
        return [
          { directory: 'corp-ad', latest: failed, lastSuccess: ok },
          { directory: 'corp-ldap', latest: null, lastSuccess: null },
        ];
      },
    };
    sut = new ShowDashboard(config, findings, scores, syncRuns, () => NOW);
  });

  it('needs the ability to read findings and takes no parameter', () => {
    expect(ShowDashboard.definition).toMatchObject({ name: 'show-dashboard', ability: ['read', 'Finding'] });
    expect(parsedBy(ShowDashboard.definition.input, {})).toEqual({});
    expect(refusalsOf(ShowDashboard.definition.input, { days: 30 })).toEqual(['unknown field(s) days']);
  });

  it("scores the latest run's counting findings, the same as securityScore over them, and counts them by severity, family and status", async () => {
    const d = await sut.execute({});
    expect(asked.breakdown).toEqual([['run-7', NOW]]);
    expect(d).toMatchObject({ asOf: run.asOf, runId: 'run-7', policyVersion: 'v1' });
    expect(d.score).toEqual(
      securityScore([
        { rule: 'H-PWD-NEVER-EXPIRES', severity: 'medium', count: 5 },
        { rule: 'G-SOD', severity: 'high', count: 1 },
        { rule: 'R-REGISTER', severity: 'low', count: 1 },
      ]),
    );
    expect(d.score.level).toBe(2);
    expect(d.open).toEqual({
      bySeverity: { critical: 0, high: 1, medium: 5, low: 1, info: 0 },
      byFamily: { hygiene: 5, governance: 1, gdpr: 1 },
      byStatus: { open: 5, acknowledged: 1, 'risk-accepted': 3 },
    });
    expect(d.sinceLastAudit).toEqual({ new: 3, reopened: 1, resolved: 2 });
  });

  it("asks for the trend of the last 90 days in the scheduler's timezone", async () => {
    const d = await sut.execute({});
    expect(TREND_DAYS).toBe(90);
    expect(asked.trend).toEqual([[90, 'Europe/Paris', NOW]]);
    expect(d.trend).toEqual([point]);
  });

  it('gives each configured directory its kind, last sync (with what it changed and how long it took) and the age of its last success', async () => {
    const d = await sut.execute({});
    expect(asked.syncs).toEqual([['corp-ad', 'corp-ldap', 'export']]);
    expect(d.directories).toEqual([
      {
        name: 'corp-ad',
        kind: 'ad',
        lastSync: { at: new Date('2026-12-07T09:30:01Z'), status: 'failed', changes: 0, durationMs: 1000 },
        lastSuccessAt: new Date('2026-12-07T09:00:02.5Z'),
        ageSeconds: 3597,
      },
      { name: 'corp-ldap', kind: 'openldap', lastSync: null, lastSuccessAt: null, ageSeconds: null },
      { name: 'export', kind: 'ldif', lastSync: null, lastSuccessAt: null, ageSeconds: null },
    ]);
  });

  it('counts the changes of a successful sync', async () => {
    const syncRuns: Pick<SyncRunStore, 'latestPerDirectory'> = {
      latestPerDirectory: async () => [
        {
          directory: 'corp-ad',
          latest: syncRun({ stats: { added: 2, modified: 3, moved: 1, removed: 1, membershipsAdded: 4, membershipsRemoved: 1 } }),
          lastSuccess: null,
        },
      ],
    };
    const d = await new ShowDashboard(
      config,
      { latestRun: async () => null, breakdown: async () => [] },
      { trend: async () => [] },
      syncRuns,
      () => NOW,
    ).execute({});
    expect(d.directories[0]!.lastSync).toEqual({ at: new Date('2026-12-07T09:00:02.5Z'), status: 'succeeded', changes: 12, durationMs: 2500 });
  });

  it('answers before any audit with no run, a full score and zero counts, without reading findings', async () => {
    latest = null;
    const d = await sut.execute({});
    expect(asked.breakdown).toEqual([]);
    expect(d).toMatchObject({ asOf: null, runId: null, policyVersion: null, trend: [], sinceLastAudit: { new: 0, reopened: 0, resolved: 0 } });
    expect(d.score).toEqual({ score: 100, level: 5, lostByFamily: { hygiene: 0, governance: 0, gdpr: 0 }, topRules: [] });
    expect(d.open.byStatus).toEqual({ open: 0, acknowledged: 0, 'risk-accepted': 0 });
  });
});

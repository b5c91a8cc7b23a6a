import type { ScoreService } from '#vigie/audit';
import type { PrivilegedAccount, ReportCheckpoint, RiskAcceptance } from '../compliance-report.model.js';
import { ComplianceDataSource, type PolicyResources, type RuleCount } from '../ports/compliance-data.source.js';

/** A data source answering what it was given, and remembering what it was asked. */
export class FakeComplianceData extends ComplianceDataSource {
  readonly asked: unknown[][] = [];
  constructor(
    private readonly given: {
      rules?: RuleCount[];
      changes?: { opened: number; resolved: number };
      acceptances?: RiskAcceptance[];
      privileged?: PrivilegedAccount[];
      checkpoint?: ReportCheckpoint | null;
    } = {},
  ) {
    super();
  }
  async ruleCounts(n: number) {
    this.asked.push(['ruleCounts', n]);
    return this.given.rules ?? [];
  }
  async lifecycleChanges(from: Date, to: Date) {
    this.asked.push(['lifecycleChanges', from, to]);
    return this.given.changes ?? { opened: 0, resolved: 0 };
  }
  async openRiskAcceptances(now: Date) {
    this.asked.push(['openRiskAcceptances', now]);
    return this.given.acceptances ?? [];
  }
  async privilegedAccounts() {
    return this.given.privileged ?? [];
  }
  async latestCheckpoint(at: Date) {
    this.asked.push(['latestCheckpoint', at]);
    return this.given.checkpoint ?? null;
  }
}

export function fakeResources(resources: Array<{ id: string; name: string; holders: string[] }> = []): PolicyResources {
  return {
    personalDataResources: async () => resources.map((r) => ({ id: r.id, name: r.name, criticality: 'high', categories: ['health'] })),
    holders: async (id, first) => {
      const all = resources.find((r) => r.id === id)?.holders ?? [];
      return { total: all.length, first: all.slice(0, first) };
    },
  };
}

type Scores = Pick<ScoreService, 'current' | 'trend'>;

/** A score of 62 at level 2 now, and a trend of the given points (day, score, asOf). */
export function fakeScores(trend: Array<{ day: string; score: number | null; asOf: Date }> = []): Scores {
  return {
    current: async (now = new Date()) => ({
      runId: 'run-1',
      asOf: now,
      score: {
        score: 62,
        level: 2,
        lostByFamily: { hygiene: 28, governance: 10, gdpr: 0 },
        topRules: [{ rule: 'H-PWD-NEVER-EXPIRES', severity: 'high', count: 3, points: 12 }],
      },
    }),
    trend: async () => trend.map((p) => ({ ...p, runId: `run-${p.day}`, level: null, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 } })),
  };
}

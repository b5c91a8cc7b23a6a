import type { AuditRunRecord } from '../audit-run.model.js';
import { SEVERITIES, type Severity } from '../finding.model.js';
import type { FindingStore } from '../ports/finding.store.js';
import type { ScoreHistorySource } from '../ports/score-history.source.js';
import { talliesOfCounts } from './score-counts.js';
import { type ScoreLevel, type SecurityScore, securityScore } from './security-score.js';

export interface CurrentScore {
  /** The latest successful audit run the score is computed on. */
  runId: string;
  asOf: Date;
  score: SecurityScore;
}

/** One day of the trend: its last successful audit run. */
export interface ScorePoint {
  /** YYYY-MM-DD in the scheduler's timezone. */
  day: string;
  runId: string;
  asOf: Date;
  /** null for a run that completed before runs kept what the score needs. */
  score: number | null;
  level: ScoreLevel | null;
  /** Every finding of the run by severity, whatever its status. */
  bySeverity: Record<Severity, number>;
}

const DAY_MS = 86_400_000;

/** The score now (docs/score.md) and how it went, day by day, for the dashboard and the reports. */
export class ScoreService {
  constructor(
    private readonly findings: Pick<FindingStore, 'latestRun'>,
    private readonly history: ScoreHistorySource,
  ) {}

  /** The score of the latest successful audit run's findings as they stand now; null before any audit. */
  async current(now = new Date()): Promise<CurrentScore | null> {
    const run = await this.findings.latestRun();
    if (!run) return null;
    return { runId: run.id, asOf: run.asOf, score: securityScore(await this.history.currentTallies(run.id, now)) };
  }

  /** The last `days` days that had a successful audit, oldest first, each with its score as that audit saw it. */
  async trend(days: number, timezone: string, now = new Date()): Promise<ScorePoint[]> {
    const runs = await this.history.lastRunOfEachDay(new Date(now.getTime() - days * DAY_MS), timezone);
    return runs.map(({ day, run }) => pointOf(day, run));
  }
}

function pointOf(day: string, run: AuditRunRecord): ScorePoint {
  const tallies = talliesOfCounts(run.counts);
  const scored = tallies ? securityScore(tallies) : null;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, run.counts[`severity:${s}`] ?? 0])) as Record<Severity, number>;
  return { day, runId: run.id, asOf: run.asOf, score: scored?.score ?? null, level: scored?.level ?? null, bySeverity };
}

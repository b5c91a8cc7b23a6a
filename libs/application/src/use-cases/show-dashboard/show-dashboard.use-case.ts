import type * as z from 'zod';
import { type FindingStore, type OpenFindings, type ScorePoint, type ScoreService, type SecurityScore, openFindingsOf, securityScore } from '#vigie/audit';
import type { VigieConfig } from '#vigie/config';
import type { SyncRunRecord, SyncRunStore } from '#vigie/identity';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { showDashboardInput } from './show-dashboard.input.js';

/** How far back the trend goes. */
export const TREND_DAYS = 90;

export type DashboardDirectoryKind = 'ad' | 'openldap' | 'ldif';

export interface DirectorySync {
  name: string;
  kind: DashboardDirectoryKind;
  /** The latest sync run, whatever its outcome; null before the first. */
  lastSync: { at: Date; status: SyncRunRecord['status']; changes: number; durationMs: number | null } | null;
  lastSuccessAt: Date | null;
  /** Seconds since the last successful sync; null before the first. */
  ageSeconds: number | null;
}

export interface Dashboard {
  /** When the latest successful audit ran; null before the first (then every part below is empty or zero). */
  asOf: Date | null;
  runId: string | null;
  policyVersion: string | null;
  score: SecurityScore;
  open: OpenFindings;
  /** The latest run's lifecycle counts: what it found new, found again, and no longer found. */
  sinceLastAudit: { new: number; reopened: number; resolved: number };
  trend: ScorePoint[];
  directories: DirectorySync[];
}

/** The security officer's dashboard (docs/dashboard.md): the score now, open findings, the trend, each directory's last sync. */
export class ShowDashboard implements UseCase<typeof showDashboardInput, Dashboard> {
  static readonly definition: UseCaseDefinition<typeof showDashboardInput> = {
    name: 'show-dashboard',
    input: showDashboardInput,
    ability: ['read', 'Finding'],
  };
  readonly definition = ShowDashboard.definition;

  constructor(
    private readonly config: Pick<VigieConfig, 'directories' | 'scheduler'>,
    private readonly findings: Pick<FindingStore, 'latestRun' | 'breakdown'>,
    private readonly scores: Pick<ScoreService, 'trend'>,
    private readonly syncRuns: Pick<SyncRunStore, 'latestPerDirectory'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(_input: z.output<typeof showDashboardInput>): Promise<Dashboard> {
    const now = this.now();
    const [run, trend, directories] = await Promise.all([
      this.findings.latestRun(),
      this.scores.trend(TREND_DAYS, this.config.scheduler.timezone, now),
      this.directories(now),
    ]);
    const { open, tallies } = openFindingsOf(run ? await this.findings.breakdown(run.id, now) : []);
    const counts = run?.counts ?? {};
    return {
      asOf: run?.asOf ?? null,
      runId: run?.id ?? null,
      policyVersion: run?.policyVersion ?? null,
      score: securityScore(tallies),
      open,
      sinceLastAudit: { new: counts['lifecycle:new'] ?? 0, reopened: counts['lifecycle:reopened'] ?? 0, resolved: counts['lifecycle:resolved'] ?? 0 },
      trend,
      directories,
    };
  }

  private async directories(now: Date): Promise<DirectorySync[]> {
    const configured = this.config.directories;
    const runs = new Map((await this.syncRuns.latestPerDirectory(configured.map((d) => d.name))).map((r) => [r.directory, r]));
    return configured.map((d) => {
      const { latest = null, lastSuccess = null } = runs.get(d.name) ?? {};
      const lastSuccessAt = lastSuccess ? (lastSuccess.finishedAt ?? lastSuccess.startedAt) : null;
      return {
        name: d.name,
        kind: d.kind === 'ldap' ? 'openldap' : d.kind,
        lastSync: latest ? lastSyncOf(latest) : null,
        lastSuccessAt,
        ageSeconds: lastSuccessAt ? Math.max(0, Math.floor((now.getTime() - lastSuccessAt.getTime()) / 1000)) : null,
      };
    });
  }
}

/** What the directories changed in a run: entries added, modified, moved or removed, and memberships added or removed. */
function lastSyncOf(run: SyncRunRecord): NonNullable<DirectorySync['lastSync']> {
  const s = run.stats;
  const changes = (s.added ?? 0) + (s.modified ?? 0) + (s.moved ?? 0) + (s.removed ?? 0) + (s.membershipsAdded ?? 0) + (s.membershipsRemoved ?? 0);
  return {
    at: run.finishedAt ?? run.startedAt,
    status: run.status,
    changes,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
  };
}

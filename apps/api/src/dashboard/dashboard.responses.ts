import * as z from 'zod';
import { CURRENT_STATUSES, RULE_FAMILIES, SEVERITIES } from '#vigie/audit';
import type { UseCaseOutput } from '#vigie/application';
import { InstantSchema, toInstant, toInstantOrNull } from '../openapi/instant.schema.js';

const countsBy = <const K extends readonly [string, ...string[]]>(keys: K) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, z.int().min(0)])) as { [P in K[number]]: z.ZodInt });

const SeverityCountsSchema = countsBy(SEVERITIES).meta({ id: 'SeverityCounts' });
const LevelSchema = z.int().min(1).max(5).describe('1 (a critical finding is open) to 5 (nothing above info is open): docs/score.md');

const ScoreSchema = z
  .strictObject({
    score: z.int().min(0).max(100).describe('100 when nothing that costs points is open; docs/score.md'),
    level: LevelSchema,
    lostByFamily: z.strictObject({ hygiene: z.number(), governance: z.number(), gdpr: z.number() }).describe('points lost per rule family'),
    topRules: z
      .array(z.strictObject({ rule: z.string(), severity: z.enum(SEVERITIES), count: z.int().min(1), points: z.number() }))
      .max(5)
      .describe('the rules that cost the most points, most first'),
  })
  .meta({ id: 'SecurityScore' });

const TrendPointSchema = z
  .strictObject({
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe("YYYY-MM-DD in the scheduler's timezone"),
    runId: z.string(),
    asOf: InstantSchema,
    score: z.int().min(0).max(100).nullable().describe('null for a run kept before runs recorded what the score needs'),
    level: LevelSchema.nullable(),
    bySeverity: SeverityCountsSchema.describe('every finding of that run, whatever its status'),
  })
  .meta({ id: 'ScoreTrendPoint' });

const DirectorySyncSchema = z
  .strictObject({
    name: z.string(),
    kind: z.enum(['ad', 'openldap', 'ldif']),
    lastSync: z
      .strictObject({
        at: InstantSchema.describe('when it ended (when it started, for a run still going)'),
        status: z.enum(['running', 'succeeded', 'failed']),
        changes: z.int().min(0).describe('entries added, modified, moved or removed, and memberships added or removed'),
        durationMs: z.int().min(0).nullable().describe('null while it runs'),
      })
      .nullable()
      .describe('the latest sync run, whatever its outcome; null before the first'),
    lastSuccessAt: InstantSchema.nullable(),
    ageSeconds: z.int().min(0).nullable().describe('seconds since the last successful sync; null before the first'),
  })
  .meta({ id: 'DirectorySync' });

export const DashboardSchema = z
  .strictObject({
    asOf: InstantSchema.nullable().describe('when the latest successful audit ran; null before the first (every part is then empty or zero)'),
    runId: z.string().nullable(),
    policyVersion: z.string().nullable(),
    score: ScoreSchema,
    open: z.strictObject({
      bySeverity: SeverityCountsSchema.describe('findings still to handle: open or acknowledged, or a risk accepted whose date has passed'),
      byFamily: countsBy(RULE_FAMILIES).describe('the same findings by rule family'),
      byStatus: countsBy(CURRENT_STATUSES).describe('every finding of the latest run by its status, accepted risks included'),
    }),
    sinceLastAudit: z
      .strictObject({ new: z.int().min(0), reopened: z.int().min(0), resolved: z.int().min(0) })
      .describe('what the latest audit found for the first time, found again, and no longer found'),
    trend: z.array(TrendPointSchema).describe('the last successful audit of each of the last 90 days that had one, oldest first'),
    directories: z.array(DirectorySyncSchema).describe('every configured directory, in the order of the configuration'),
  })
  .meta({ id: 'Dashboard' });

export type DashboardResponse = z.infer<typeof DashboardSchema>;

export function toDashboardResponse(d: UseCaseOutput<'show-dashboard'>): DashboardResponse {
  return {
    asOf: toInstantOrNull(d.asOf),
    runId: d.runId,
    policyVersion: d.policyVersion,
    score: d.score,
    open: d.open,
    sinceLastAudit: d.sinceLastAudit,
    trend: d.trend.map((p) => ({ ...p, asOf: toInstant(p.asOf) })),
    directories: d.directories.map((dir) => ({
      ...dir,
      lastSync: dir.lastSync && { ...dir.lastSync, at: toInstant(dir.lastSync.at) },
      lastSuccessAt: toInstantOrNull(dir.lastSuccessAt),
    })),
  };
}

import {
  type AuditRunsMonth,
  type FindingsMonth,
  type HrEventsMonth,
  type MonthRange,
  type RequestsMonth,
  StatisticsSource,
  type SyncsMonth,
} from '#vigie/audit';
import type { SqlClient } from '../sql-client.js';

/**
 * The period as instants: the first moment of `from` and of the month after `to`, in the timezone. Each section
 * filters on a plain range of its timestamp column so that an index on it can serve, and groups by month once.
 */
const BOUNDS = `bounds AS (
  SELECT ($1::text || '-01')::timestamp AT TIME ZONE $3 AS lo,
         (($2::text || '-01')::timestamp + interval '1 month') AT TIME ZONE $3 AS hi)`;
const month = (column: string): string => `to_char(${column} AT TIME ZONE $3, 'YYYY-MM')`;
const days = (later: string, earlier: string): string => `extract(epoch FROM ${later} - ${earlier}) / 86400`;

// pg returns count(*) as text (bigint) and avg/percentile as numbers or text: every figure goes through Number.
const int = (v: unknown): number => Number(v ?? 0);
const real = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

/** Monthly aggregates for the periodic statistics: one statement per section, each grouped by month. */
export class PgStatisticsStore extends StatisticsSource {
  constructor(private readonly db: SqlClient) {
    super();
  }

  async findings(range: MonthRange): Promise<FindingsMonth[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `WITH ${BOUNDS},
       opened AS (SELECT ${month('f.first_seen_at')} AS m, count(*) AS n FROM finding_state f, bounds b
                  WHERE f.first_seen_at >= b.lo AND f.first_seen_at < b.hi GROUP BY 1),
       closed AS (SELECT ${month('f.resolved_at')} AS m, count(*) AS n,
                         avg(${days('f.resolved_at', 'f.first_seen_at')}) AS mean,
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days('f.resolved_at', 'f.first_seen_at')}) AS median
                  FROM finding_state f, bounds b
                  WHERE f.status = 'resolved' AND f.resolved_at >= b.lo AND f.resolved_at < b.hi GROUP BY 1)
       SELECT coalesce(o.m, c.m) AS month, o.n AS opened, c.n AS closed, c.mean, c.median
       FROM opened o FULL JOIN closed c ON c.m = o.m ORDER BY 1`,
      [range.from, range.to, range.timezone],
    );
    return rows.map((r) => ({
      month: String(r.month),
      opened: int(r.opened),
      closed: int(r.closed),
      meanDaysToResolve: real(r.mean),
      medianDaysToResolve: real(r.median),
    }));
  }

  async auditRuns(range: MonthRange): Promise<AuditRunsMonth[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `WITH ${BOUNDS}
       SELECT ${month('r.started_at')} AS month, count(*) AS runs,
              count(*) FILTER (WHERE r.status = 'succeeded') AS succeeded, count(*) FILTER (WHERE r.status = 'failed') AS failed
       FROM audit_run r, bounds b WHERE r.started_at >= b.lo AND r.started_at < b.hi GROUP BY 1 ORDER BY 1`,
      [range.from, range.to, range.timezone],
    );
    return rows.map((r) => ({ month: String(r.month), runs: int(r.runs), succeeded: int(r.succeeded), failed: int(r.failed) }));
  }

  async syncs(range: MonthRange): Promise<SyncsMonth[]> {
    // The changes are counted per run through their primary key (sync_run_id first): no scan of the change tables.
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `WITH ${BOUNDS}
       SELECT ${month('r.started_at')} AS month, count(*) AS runs, count(*) FILTER (WHERE r.status = 'failed') AS failed,
              sum(c.n) AS objects, sum(mc.n) AS memberships
       FROM sync_run r CROSS JOIN bounds b
       CROSS JOIN LATERAL (SELECT count(*) AS n FROM sync_change WHERE sync_run_id = r.id) c
       CROSS JOIN LATERAL (SELECT count(*) AS n FROM sync_membership_change WHERE sync_run_id = r.id) mc
       WHERE r.started_at >= b.lo AND r.started_at < b.hi GROUP BY 1 ORDER BY 1`,
      [range.from, range.to, range.timezone],
    );
    return rows.map((r) => ({
      month: String(r.month),
      runs: int(r.runs),
      failed: int(r.failed),
      objectChanges: int(r.objects),
      membershipChanges: int(r.memberships),
    }));
  }

  async requests(range: MonthRange): Promise<RequestsMonth[]> {
    const provisionedAt = `(a.body -> 'grant' ->> 'startsAt')::timestamptz`;
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `WITH ${BOUNDS},
       created AS (SELECT ${month('a.created_at')} AS m, count(*) AS n FROM access_request a, bounds b
                   WHERE a.created_at >= b.lo AND a.created_at < b.hi GROUP BY 1),
       decided AS (SELECT ${month('a.closed_at')} AS m, count(*) AS n,
                          count(*) FILTER (WHERE a.status = 'approved') AS approved, count(*) FILTER (WHERE a.status = 'rejected') AS rejected,
                          avg(${days('a.closed_at', 'a.created_at')}) AS mean,
                          percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days('a.closed_at', 'a.created_at')}) AS median,
                          count(${provisionedAt}) AS provisioned,
                          avg(${days(provisionedAt, 'a.created_at')}) AS provision_mean
                   FROM access_request a, bounds b
                   WHERE a.status IN ('approved', 'rejected') AND a.closed_at >= b.lo AND a.closed_at < b.hi GROUP BY 1)
       SELECT coalesce(c.m, d.m) AS month, c.n AS created, d.n AS decided, d.approved, d.rejected, d.mean, d.median,
              d.provisioned, d.provision_mean
       FROM created c FULL JOIN decided d ON d.m = c.m ORDER BY 1`,
      [range.from, range.to, range.timezone],
    );
    return rows.map((r) => ({
      month: String(r.month),
      created: int(r.created),
      decided: int(r.decided),
      approved: int(r.approved),
      rejected: int(r.rejected),
      meanDaysToDecide: real(r.mean),
      medianDaysToDecide: real(r.median),
      provisioned: int(r.provisioned),
      meanDaysToProvision: real(r.provision_mean),
    }));
  }

  async hrEvents(range: MonthRange): Promise<HrEventsMonth[]> {
    const rows: Array<{ month: string; type: string; n: unknown }> = await this.db.query(
      `WITH ${BOUNDS}
       SELECT ${month('e.processed_at')} AS month, e.type, count(*) AS n FROM hr_event e, bounds b
       WHERE e.status = 'done' AND e.processed_at >= b.lo AND e.processed_at < b.hi GROUP BY 1, 2 ORDER BY 1, 2`,
      [range.from, range.to, range.timezone],
    );
    const months = new Map<string, Record<string, number>>();
    for (const r of rows) months.set(r.month, { ...months.get(r.month), [r.type]: int(r.n) });
    return [...months].map(([m, applied]) => ({ month: m, applied }));
  }
}

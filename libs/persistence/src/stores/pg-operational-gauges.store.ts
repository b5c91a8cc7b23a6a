import { type OperationalGauges, OperationalGaugesSource } from '#vigie/audit';
import type { SqlClient } from '../sql-client.js';

const int = (v: unknown): number => Number(v ?? 0);
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string | Date));

/**
 * The figures a Prometheus scrape reports, read in one statement of small aggregates: the open findings through the
 * status index, the last runs per directory through (directory, started_at), the rest on small tables.
 */
export class PgOperationalGaugesStore extends OperationalGaugesSource {
  constructor(private readonly db: SqlClient) {
    super();
  }

  async read(): Promise<OperationalGauges> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT
        (SELECT coalesce(json_agg(x), '[]') FROM (SELECT severity, status, count(*) AS count FROM finding_state
          WHERE status IN ('open', 'acknowledged', 'risk-accepted') GROUP BY 1, 2) x) AS findings,
        (SELECT coalesce(json_agg(x), '[]') FROM (SELECT DISTINCT ON (directory) directory, finished_at AS "finishedAt" FROM sync_run
          WHERE status = 'succeeded' ORDER BY directory, started_at DESC) x) AS last_success,
        (SELECT coalesce(json_agg(x), '[]') FROM (SELECT DISTINCT ON (directory) directory,
          extract(epoch FROM finished_at - started_at) AS seconds FROM sync_run
          WHERE status = 'succeeded' ORDER BY directory, started_at DESC) x) AS last_duration,
        (SELECT extract(epoch FROM finished_at - started_at) FROM audit_run WHERE status = 'succeeded'
          ORDER BY started_at DESC LIMIT 1) AS audit_seconds,
        (SELECT max(created_at) FROM trail_checkpoint) AS checkpoint_at,
        (SELECT coalesce(json_agg(x), '[]') FROM (SELECT status, count(*) AS count FROM hr_event GROUP BY 1) x) AS hr,
        (SELECT coalesce(json_agg(x), '[]') FROM (SELECT status, count(*) AS count FROM access_request GROUP BY 1) x) AS requests`,
    );
    const r = rows[0]!;
    const list = <T>(v: unknown): T[] => (typeof v === 'string' ? (JSON.parse(v) as T[]) : ((v as T[]) ?? []));
    const counted = (v: unknown) => list<{ status: string; count: unknown }>(v).map((x) => ({ status: x.status, count: int(x.count) }));
    return {
      findings: list<{ severity: string; status: string; count: unknown }>(r.findings).map((x) => ({ ...x, count: int(x.count) })),
      lastSyncSuccess: list<{ directory: string; finishedAt: string }>(r.last_success).map((x) => ({
        directory: x.directory,
        finishedAt: new Date(x.finishedAt),
      })),
      lastSyncDuration: list<{ directory: string; seconds: unknown }>(r.last_duration).map((x) => ({ directory: x.directory, seconds: Number(x.seconds) })),
      lastAuditDurationSeconds: r.audit_seconds === null || r.audit_seconds === undefined ? null : Number(r.audit_seconds),
      lastCheckpointAt: date(r.checkpoint_at),
      hrEvents: counted(r.hr),
      accessRequests: counted(r.requests),
    };
  }
}

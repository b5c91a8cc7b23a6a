import { type DirectorySyncRuns, type SyncMode, type SyncRunRecord, SyncRunStore, type SyncState, type SyncStats, type SyncWatermark } from '#vigie/identity';
import type { SqlClient } from '../sql-client.js';

// Plain SQL, as every store: `vigie sync` runs this one without loading TypeORM.
const RUN_COLUMNS = 'id, directory, mode, status, started_at, finished_at, error, stats';

interface RunRow {
  id: string;
  directory: string;
  mode: string;
  status: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  error: string | null;
  stats: Partial<SyncStats> | null;
}

/** The runs and the per-directory state of the sync (tables sync_run and sync_state). */
export class PgSyncRunStore extends SyncRunStore {
  constructor(private readonly db: SqlClient) {
    super();
  }

  async start(directory: string, mode: SyncMode): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO sync_run (directory, mode, status, stats) VALUES ($1, $2, 'running', '{}'::jsonb) RETURNING id`,
      [directory, mode],
    );
    return rows[0]!.id;
  }

  async succeed(id: string, stats: SyncStats): Promise<void> {
    await this.db.query(`UPDATE sync_run SET status = 'succeeded', finished_at = $2, stats = $3::jsonb WHERE id = $1`, [id, new Date(), JSON.stringify(stats)]);
  }

  async fail(id: string, reason: string, stats: Partial<SyncStats>): Promise<void> {
    await this.db.query(`UPDATE sync_run SET status = 'failed', finished_at = $2, error = $3, stats = $4::jsonb WHERE id = $1`, [
      id,
      new Date(),
      reason,
      JSON.stringify(stats),
    ]);
  }

  async abandonRunning(directory: string, reason: string): Promise<number> {
    const [, affected] = (await this.db.query(
      `UPDATE sync_run SET status = 'failed', finished_at = $2, error = $3 WHERE directory = $1 AND status = 'running'`,
      [directory, new Date(), reason],
    )) as [unknown, number | null];
    return affected ?? 0;
  }

  async latest(directory: string): Promise<SyncRunRecord | null> {
    const rows: RunRow[] = await this.db.query(`SELECT ${RUN_COLUMNS} FROM sync_run WHERE directory = $1 ORDER BY started_at DESC LIMIT 1`, [directory]);
    return rows.length ? toRecord(rows[0]!) : null;
  }

  async get(id: string): Promise<SyncRunRecord | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const rows: RunRow[] = await this.db.query(`SELECT ${RUN_COLUMNS} FROM sync_run WHERE id = $1`, [id]);
    return rows.length ? toRecord(rows[0]!) : null;
  }

  async list(options: { directory?: string; limit?: number } = {}): Promise<SyncRunRecord[]> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000);
    const rows: RunRow[] = options.directory
      ? await this.db.query(`SELECT ${RUN_COLUMNS} FROM sync_run WHERE directory = $1 ORDER BY started_at DESC LIMIT $2`, [options.directory, limit])
      : await this.db.query(`SELECT ${RUN_COLUMNS} FROM sync_run ORDER BY started_at DESC LIMIT $1`, [limit]);
    return rows.map(toRecord);
  }

  async latestPerDirectory(directories: readonly string[]): Promise<DirectorySyncRuns[]> {
    if (!directories.length) return [];
    // Two index reads per directory (IDX_sync_run_directory_started, newest first), not a scan of every run kept.
    const rows: Array<RunRow & { which: 'latest' | 'success'; dir: string }> = await this.db.query(
      `SELECT d.dir, x.* FROM (SELECT jsonb_array_elements_text($1::jsonb) AS dir) d
         CROSS JOIN LATERAL (
           (SELECT 'latest' AS which, ${RUN_COLUMNS} FROM sync_run WHERE directory = d.dir ORDER BY started_at DESC LIMIT 1)
           UNION ALL
           (SELECT 'success' AS which, ${RUN_COLUMNS} FROM sync_run WHERE directory = d.dir AND status = 'succeeded' ORDER BY started_at DESC LIMIT 1)
         ) x`,
      [JSON.stringify(directories)],
    );
    return directories.map((directory) => {
      const of = (which: string) => rows.find((r) => r.dir === directory && r.which === which);
      const latest = of('latest');
      const success = of('success');
      return { directory, latest: latest ? toRecord(latest) : null, lastSuccess: success ? toRecord(success) : null };
    });
  }

  async state(directory: string): Promise<SyncState | null> {
    const rows: Array<{
      directory: string;
      last_run_id: string | null;
      last_synced_at: Date | string | null;
      last_full_run_id: string | null;
      last_full_sync_at: Date | string | null;
      watermark: SyncWatermark | null;
      source_fingerprint: string | null;
      reconciled_at: Date | string | null;
    }> = await this.db.query(
      `SELECT directory, last_run_id, last_synced_at, last_full_run_id, last_full_sync_at, watermark, source_fingerprint, reconciled_at FROM sync_state WHERE directory = $1`,
      [directory],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      directory: r.directory,
      lastRunId: r.last_run_id,
      lastSyncedAt: date(r.last_synced_at),
      lastFullRunId: r.last_full_run_id,
      lastFullSyncAt: date(r.last_full_sync_at),
      watermark: r.watermark,
      sourceFingerprint: r.source_fingerprint,
      reconciledAt: date(r.reconciled_at),
    };
  }
}

function date(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

function toRecord(row: RunRow): SyncRunRecord {
  return {
    id: row.id,
    directory: row.directory,
    mode: row.mode as SyncMode,
    status: row.status as SyncRunRecord['status'],
    startedAt: new Date(row.started_at),
    finishedAt: date(row.finished_at),
    error: row.error,
    stats: row.stats ?? {},
  };
}

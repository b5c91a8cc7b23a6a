// Types only: a store's module must not load its domain library.
import type { AttemptCount, AttemptKey, AttemptScope, SignInAttemptStore } from '#vigie/access-control';
import type { SqlClient } from '../sql-client.js';
import { dateOf, dateOrNull } from './row-values.js';

const COLUMNS = 'scope, key, window_start, window_end, failures, reported, first_failure_at, last_failure_at, locked_until, wait_until';
const THIS_ROW = 'scope = $1 AND key = $2 AND window_start = $3';

interface AttemptRow {
  scope: string;
  key: string;
  window_start: Date | string;
  window_end: Date | string;
  failures: number;
  reported: number;
  first_failure_at: Date | string | null;
  last_failure_at: Date | string | null;
  locked_until: Date | string | null;
  wait_until: Date | string | null;
}

/**
 * The counters of failed sign-ins (table sign_in_attempt). Each method is one statement: `INSERT … ON CONFLICT DO
 * UPDATE … RETURNING` counts under the row's lock, and a conditional `UPDATE … RETURNING` lets one caller only start a
 * lockout, report a window or alert, on every replica (and on PGlite, which runs them one at a time).
 */
export class PgSignInAttemptStore implements SignInAttemptStore {
  constructor(private readonly db: SqlClient) {}

  async countFailure(key: AttemptKey & { windowEnd: Date }, at: Date): Promise<AttemptCount> {
    const rows: AttemptRow[] = await this.db.query(
      `INSERT INTO sign_in_attempt (scope, key, window_start, window_end, failures, first_failure_at, last_failure_at)
       VALUES ($1, $2, $3, $4, 1, $5, $5)
       ON CONFLICT (scope, key, window_start) DO UPDATE SET
         failures = sign_in_attempt.failures + 1,
         first_failure_at = LEAST(sign_in_attempt.first_failure_at, EXCLUDED.first_failure_at),
         last_failure_at = GREATEST(sign_in_attempt.last_failure_at, EXCLUDED.last_failure_at)
       RETURNING ${COLUMNS}`,
      [key.scope, key.key, key.windowStart, key.windowEnd, at],
    );
    return toCount(rows[0]!);
  }

  async rowsOf(scope: AttemptScope, key: string): Promise<AttemptCount[]> {
    const rows: AttemptRow[] = await this.db.query(`SELECT ${COLUMNS} FROM sign_in_attempt WHERE scope = $1 AND key = $2 ORDER BY window_start`, [scope, key]);
    return rows.map(toCount);
  }

  async lockOut(key: AttemptKey, until: Date, at: Date): Promise<boolean> {
    // The WHERE is checked again once a concurrent update commits: of two replicas, one starts the lockout.
    const [rows] = (await this.db.query(
      `UPDATE sign_in_attempt SET locked_until = $4 WHERE ${THIS_ROW} AND (locked_until IS NULL OR locked_until <= $5) RETURNING 1 AS started`,
      [key.scope, key.key, key.windowStart, until, at],
    )) as [unknown[], number];
    return rows.length > 0;
  }

  async delay(key: AttemptKey, until: Date): Promise<void> {
    await this.db.query(`UPDATE sign_in_attempt SET wait_until = GREATEST(wait_until, $4) WHERE ${THIS_ROW}`, [key.scope, key.key, key.windowStart, until]);
  }

  async markReported(key: AttemptKey, failures: number): Promise<void> {
    await this.db.query(`UPDATE sign_in_attempt SET reported = GREATEST(reported, $4) WHERE ${THIS_ROW}`, [key.scope, key.key, key.windowStart, failures]);
  }

  async claimUnreported(closedBy: Date, of: { scope: AttemptScope; key: string } | null, limit: number): Promise<AttemptCount[]> {
    const ofKey = of ? 'AND scope = $3 AND key = $4' : '';
    // SKIP LOCKED: two sweeps at once take different rows; the outer condition is checked again on the locked row.
    const [rows] = (await this.db.query(
      `UPDATE sign_in_attempt SET reported = failures
       WHERE (scope, key, window_start) IN (
         SELECT scope, key, window_start FROM sign_in_attempt
         WHERE scope <> 'all' AND window_end <= $1 AND failures > reported ${ofKey}
         ORDER BY window_start LIMIT $2 FOR UPDATE SKIP LOCKED)
       AND failures > reported
       RETURNING ${COLUMNS}`,
      of ? [closedBy, limit, of.scope, of.key] : [closedBy, limit],
    )) as [AttemptRow[], number];
    return rows.map(toCount).sort((a, b) => a.windowStart.getTime() - b.windowStart.getTime() || a.key.localeCompare(b.key));
  }

  async claimAlert(key: AttemptKey & { windowEnd: Date }): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO sign_in_attempt (scope, key, window_start, window_end, alerted) VALUES ($1, $2, $3, $4, true)
       ON CONFLICT (scope, key, window_start) DO UPDATE SET alerted = true WHERE NOT sign_in_attempt.alerted
       RETURNING 1 AS claimed`,
      [key.scope, key.key, key.windowStart, key.windowEnd],
    );
    return rows.length > 0;
  }

  async busiest(scope: AttemptScope, windowStart: Date, limit: number): Promise<Array<{ key: string; failures: number }>> {
    return this.db.query(`SELECT key, failures FROM sign_in_attempt WHERE scope = $1 AND window_start = $2 ORDER BY failures DESC, key LIMIT $3`, [
      scope,
      windowStart,
      limit,
    ]);
  }

  async forget(scope: AttemptScope, key: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_attempt WHERE scope = $1 AND key = $2`, [scope, key]);
  }

  async purge(at: Date): Promise<number> {
    const [, affected] = (await this.db.query(
      `DELETE FROM sign_in_attempt
       WHERE window_end <= $1 AND (scope = 'all' OR failures <= reported)
         AND (locked_until IS NULL OR locked_until <= $1) AND (wait_until IS NULL OR wait_until <= $1)`,
      [at],
    )) as [unknown, number | null];
    return affected ?? 0;
  }
}

function toCount(r: AttemptRow): AttemptCount {
  return {
    scope: r.scope as AttemptScope,
    key: r.key,
    windowStart: dateOf(r.window_start),
    windowEnd: dateOf(r.window_end),
    failures: Number(r.failures),
    reported: Number(r.reported),
    firstFailureAt: dateOrNull(r.first_failure_at),
    lastFailureAt: dateOrNull(r.last_failure_at),
    lockedUntil: dateOrNull(r.locked_until),
    waitUntil: dateOrNull(r.wait_until),
  };
}

import { createHash } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { SqlQuery } from '../sql-client.js';

/**
 * pg-boss's view of a database (`executeSql` answering `{ rows }`) over one of Vigie's SqlClients: the root client for
 * the queue's own work, a transaction's client for a job that must land with the transaction. pg-boss then never opens
 * a pool of its own, so the embedded PGlite serves it as it serves the stores.
 */
export function executorOn(sql: SqlQuery): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: rowsOf(await sql.query(text, values)) }) };
}

/** The SqlClient answers `[rows, affected]` after an UPDATE or a DELETE (TypeORM's shape), rows otherwise. */
function rowsOf(result: unknown): unknown[] {
  if (!Array.isArray(result)) return [];
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as unknown[];
  return result;
}

/**
 * The job id an intent always gets on its queue: a second enqueue of the same key conflicts with the first row (the
 * queue's primary key is name and id) and inserts nothing, whatever the job's state, on every replica alike.
 */
export function singletonJobId(name: string, key: string): string {
  const h = createHash('sha256').update(`${name}\n${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

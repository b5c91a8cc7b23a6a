import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { type DatabaseOptions, describeConnectionError } from '../database.errors.js';
import type { SqlClient, SqlQuery, SqlSession } from '../sql-client.js';
import { loadPg } from './load-pg.js';

type Result = pg.QueryResult<Record<string, unknown>>;

/** TypeORM's shape of a result: rows, or `[rows, affected]` after an UPDATE or a DELETE. */
function shaped(r: Result): unknown {
  return r.command === 'UPDATE' || r.command === 'DELETE' ? [r.rows, r.rowCount] : r.rows;
}

/**
 * PostgreSQL through a plain pg pool: what `vigie sync` uses instead of TypeORM, whose import and
 * start cost more than an incremental sync (see docs/performance.md). Results have the shape
 * TypeORM's DataSource.query gives, so the same stores run on either.
 */
export class PgSqlClient implements SqlClient {
  readonly concurrentTransactions = true;

  private constructor(private readonly pool: pg.Pool) {}

  /** Connects once, so that a wrong URL fails here with the same message as the application's. */
  static async connect(db: DatabaseOptions): Promise<PgSqlClient> {
    const { Pool } = await loadPg();
    const pool = new Pool({ connectionString: db.url, max: db.poolSize ?? 10, connectionTimeoutMillis: 5000, application_name: 'vigie' });
    // An idle client that loses its server must not crash the process: the next query reports it.
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw describeConnectionError(db, err);
    }
    return new PgSqlClient(pool);
  }

  async query(sql: string, parameters?: unknown[]): Promise<unknown> {
    return shaped(await this.pool.query(sql, parameters));
  }

  async transaction<T>(fn: (m: SqlQuery) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async (sql, parameters) => shaped(await client.query(sql, parameters)),
        copyFrom: (sql, chunks) => pipeline(Readable.from(chunks), client.query(copyFromStdin(sql))),
      });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
      throw err;
    } finally {
      // A connection whose rollback failed is not given back to the pool.
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  createQueryRunner(): SqlSession {
    let client: pg.PoolClient | undefined;
    return {
      connect: async () => (client = await this.pool.connect()),
      query: async (sql, parameters) => {
        if (!client) throw new Error('query on a session that is not connected');
        return shaped(await client.query(sql, parameters));
      },
      release: () => {
        client?.release();
        client = undefined;
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

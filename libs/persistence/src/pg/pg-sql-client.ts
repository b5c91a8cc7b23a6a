import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFromStdin, to as copyToStdout } from 'pg-copy-streams';
import { type DatabaseOptions, describeConnectionError, describeLostConnection, isDatabaseGone } from '../database.errors.js';
import type { ClosableSqlClient, SqlClient, SqlSession } from '../sql-client.js';
import { assertOutsideTransactionOf } from '../transaction-scope.js';
import { runTransaction } from '../transaction-sql-client.js';
import { loadPg } from './load-pg.js';

type Result = pg.QueryResult<Record<string, unknown>>;

/** TypeORM's shape of a result: rows, or `[rows, affected]` after an UPDATE or a DELETE. */
function shaped(r: Result): unknown {
  return r.command === 'UPDATE' || r.command === 'DELETE' ? [r.rows, r.rowCount] : r.rows;
}

/**
 * PostgreSQL through a plain pg pool: what every store runs on, TypeORM being opened only to apply the migrations
 * (`vigie sync` does without it: its import and start cost more than an incremental sync, see docs/performance.md).
 * Results have the shape TypeORM's DataSource.query gives, so the same stores run on PGlite's DataSourceSqlClient.
 *
 * A server that goes away (stopped, the connection terminated) fails the calls in progress and the next ones with a
 * DatabaseUnavailableError; it never crashes the process with an unhandled 'error' event, whether the connection was
 * idle in the pool or held by a transaction or a session.
 */
export class PgSqlClient implements ClosableSqlClient {
  readonly concurrentTransactions = true;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly db: DatabaseOptions,
  ) {}

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
    return new PgSqlClient(pool, db);
  }

  async query(sql: string, parameters?: unknown[]): Promise<unknown> {
    assertOutsideTransactionOf(this);
    try {
      return shaped(await this.pool.query(sql, parameters));
    } catch (err) {
      throw this.explained(err);
    }
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    assertOutsideTransactionOf(this);
    const client = await this.checkOut();
    // Each statement says so when the server went away, wherever its error surfaces: a transaction held open (a first
    // snapshot written while read) reports through the writer that sent it, not through this call.
    const connection = {
      query: async (sql: string, parameters?: unknown[]) => {
        try {
          return shaped(await client.query(sql, parameters));
        } catch (err) {
          throw this.explained(client.lost ?? err);
        }
      },
      copyFrom: (sql: string, chunks: Iterable<string | Buffer>) =>
        pipeline(Readable.from(chunks), client.query(copyFromStdin(sql))).catch((err: unknown) => {
          throw this.explained(client.lost ?? err);
        }),
    };
    try {
      // A connection whose rollback failed is not given back to the pool.
      return await runTransaction(this, connection, fn, (broken) => client.done(broken));
    } catch (err) {
      // The server's own words when it ended the connection (an idle transaction hears them before its next statement).
      throw this.explained(client.lost ?? err);
    }
  }

  async *copyTo(sql: string): AsyncIterable<Buffer> {
    assertOutsideTransactionOf(this);
    const client = await this.checkOut();
    // A copy left before its end (the reader failed) leaves the connection mid-stream: destroyed, not given back.
    let unfinished: Error | undefined = new Error('COPY TO left unfinished');
    try {
      for await (const chunk of client.query(copyToStdout(sql))) yield chunk as Buffer;
      unfinished = undefined;
    } catch (err) {
      throw this.explained(client.lost ?? err);
    } finally {
      client.done(unfinished);
    }
  }

  createQueryRunner(): SqlSession {
    assertOutsideTransactionOf(this);
    let client: WatchedClient | undefined;
    const listeners: Array<(err: unknown) => void> = [];
    return {
      connect: async () => {
        client = await this.checkOut();
        client.onLost = (err) => {
          for (const listener of listeners) listener(this.explained(err));
        };
        return client;
      },
      onLost: (listener) => {
        listeners.push(listener);
        if (client?.lost) listener(this.explained(client.lost));
      },
      query: async (sql, parameters) => {
        if (!client) throw new Error('query on a session that is not connected');
        try {
          return shaped(await client.query(sql, parameters));
        } catch (err) {
          throw this.explained(client.lost ?? err);
        }
      },
      release: () => {
        client?.done();
        client = undefined;
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * A client of the pool, listened to while it is checked out: the pool only listens to its idle clients, and a
   * client that hears its connection end with no query running (an open transaction waiting for the next rows, a
   * session holding a lock) emits 'error', which would otherwise crash the process.
   */
  private async checkOut(): Promise<WatchedClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw this.explained(err);
    }
    const watched = client as WatchedClient;
    const onError = (err: Error) => {
      if (watched.lost) return;
      watched.lost = err;
      watched.onLost?.(err);
    };
    client.on('error', onError);
    watched.done = (err?: Error) => {
      client.off('error', onError);
      // A client whose connection was lost is destroyed rather than given back.
      client.release(err ?? watched.lost);
    };
    return watched;
  }

  /** Says so when the server went away; other errors (a statement that failed) are left as they are. */
  private explained(err: unknown): unknown {
    return isDatabaseGone(err) ? describeLostConnection(this.db, err) : err;
  }
}

type WatchedClient = pg.PoolClient & {
  /** The error the connection ended with, heard while no query ran. */
  lost?: Error;
  /** Told of that error when it is heard. */
  onLost?: (err: Error) => void;
  /** Gives the client back to the pool (or destroys it, when it failed) and stops listening to it. */
  done(err?: Error): void;
};

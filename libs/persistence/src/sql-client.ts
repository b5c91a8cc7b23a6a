/**
 * What every store needs of a database: statements, transactions, and a connection of their own for a session lock.
 * Two implementations: PgSqlClient, a plain pg pool (PostgreSQL), and DataSourceSqlClient, TypeORM's DataSource over
 * the embedded PGlite.
 */
export interface SqlQuery {
  /** Rows of a SELECT (or of a RETURNING clause); `[rows, affected]` for an UPDATE or a DELETE. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(sql: string, parameters?: unknown[]): Promise<any>;
  /**
   * `COPY … FROM STDIN` fed with these chunks of rows (text, or bytes of the format the statement names), where the connection offers it
   * (the pg pool's transactions); bulk writes fall back to INSERT … SELECT FROM unnest otherwise.
   */
  copyFrom?(sql: string, chunks: Iterable<string | Buffer>): Promise<void>;
}

export interface SqlSession extends SqlQuery {
  connect(): Promise<unknown>;
  release(): Promise<void> | void;
  /**
   * Calls `listener` when the session's connection ends while it is held (terminated, the server gone), with the
   * error to report: whatever the session held (a lock) is gone with it. Where a driver cannot tell, never called.
   */
  onLost?(listener: (err: unknown) => void): void;
}

/**
 * A database, or one transaction of it.
 *
 * `transaction(fn)` runs `fn` in a transaction and gives it a client bound to the transaction's connection: a store
 * constructed on that client writes inside the transaction. `transaction()` on a bound client nests (a savepoint: its
 * work is undone alone when its `fn` throws), so a store that opens its own transaction works on the root client and
 * inside a caller's transaction alike.
 *
 * Inside `fn`, use the client it was given, never the one `transaction` was called on: on PGlite the transaction holds
 * the only session, and a statement sent on the root client would wait for it forever; on PostgreSQL it would run
 * outside the transaction (not undone with it, and blocked by the transaction's own row locks). Such a statement
 * fails at once with an error that says so, on both.
 */
export interface SqlClient extends SqlQuery {
  /**
   * Whether other statements run on their own connections while a transaction is open (a pool): a transaction may then
   * be held open during a long read without blocking anything else. False on PGlite's single connection, where it would
   * block everything else. A client bound to a transaction says what its root says.
   */
  readonly concurrentTransactions: boolean;
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * The output of `COPY (…) TO STDOUT` (text format) as it arrives, on a connection of its own, where the client offers
   * it (the pg pool; not PGlite, not a transaction): large reads, such as a snapshot's accounts and memberships, decode
   * it far faster than rows of a SELECT, and fall back to a SELECT without it.
   */
  copyTo?(sql: string): AsyncIterable<Buffer>;
  /**
   * A connection held until released (session advisory locks live on one connection). Throws on a client bound to a
   * transaction: the transaction's connection is not to be lent, and another one would escape the transaction.
   */
  createQueryRunner(): SqlSession;
}

/** A root client, which owns its connections. */
export interface ClosableSqlClient extends SqlClient {
  close(): Promise<void>;
}

/**
 * What the sync's stores need of a database: statements, transactions, and a connection of their
 * own for a session lock. TypeORM's DataSource has all of it (the applications pass theirs), and
 * so has PgSqlClient, the plain pg pool the short `vigie sync` process uses without TypeORM.
 */
export interface SqlQuery {
  /** Rows of a SELECT; `[rows, affected]` for an UPDATE or a DELETE, as TypeORM returns them. */
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
}

export interface SqlClient extends SqlQuery {
  /**
   * Whether other statements run on their own connections while a transaction is open (a pool).
   * PGlite's single connection cannot: a transaction held open during a read would block them.
   */
  readonly concurrentTransactions?: boolean;
  transaction<T>(fn: (m: SqlQuery) => Promise<T>): Promise<T>;
  /** A connection held until released (session advisory locks live on one connection). */
  createQueryRunner(): SqlSession;
}

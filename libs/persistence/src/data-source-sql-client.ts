import type { DataSource } from 'typeorm';
import type { ClosableSqlClient, SqlClient, SqlSession } from './sql-client.js';
import { assertOutsideTransactionOf } from './transaction-scope.js';
import { runTransaction } from './transaction-sql-client.js';

/**
 * TypeORM's DataSource as a SqlClient: how the stores run on the embedded PGlite, whose connection TypeORM's driver
 * holds (SerialisedPglitePool). A transaction leases the single session until it ends, so nothing else runs meanwhile
 * (`concurrentTransactions` is false), and a statement sent on this client from inside one of its transactions fails
 * at once instead of waiting for the session forever (see SqlClient).
 */
export class DataSourceSqlClient implements ClosableSqlClient {
  readonly concurrentTransactions = false;

  constructor(readonly dataSource: DataSource) {}

  // The interface's type: rows of any shape, as the caller declares them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query(sql: string, parameters?: unknown[]): Promise<any> {
    assertOutsideTransactionOf(this);
    return this.dataSource.query(sql, parameters);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    assertOutsideTransactionOf(this);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    return runTransaction(this, { query: (sql, parameters) => runner.query(sql, parameters) }, fn, () => runner.release());
  }

  createQueryRunner(): SqlSession {
    assertOutsideTransactionOf(this);
    const runner = this.dataSource.createQueryRunner();
    return { connect: () => runner.connect(), query: (sql, parameters) => runner.query(sql, parameters), release: () => runner.release() };
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

import type { SqlClient, SqlQuery, SqlSession } from './sql-client.js';
import { assertOutsideTransactionOf, insideTransactionOf } from './transaction-scope.js';

/**
 * Runs `fn` in a transaction on a connection the caller took from `owner` (a root client), and gives it back through
 * `release`, with the error that broke it if its rollback failed (such a connection is not to be reused).
 */
export async function runTransaction<T>(
  owner: Pick<SqlClient, 'concurrentTransactions'>,
  connection: SqlQuery,
  fn: (tx: SqlClient) => Promise<T>,
  release: (broken?: Error) => void | Promise<void>,
): Promise<T> {
  const tx = new TransactionSqlClient(connection, 1, owner.concurrentTransactions);
  let broken: Error | undefined;
  try {
    await connection.query('BEGIN');
    const result = await insideTransactionOf(owner, () => fn(tx));
    await connection.query('COMMIT');
    return result;
  } catch (err) {
    await connection.query('ROLLBACK').catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
    throw err;
  } finally {
    tx.end();
    await release(broken);
  }
}

/**
 * The client a transaction gives its work: every statement on the transaction's connection; `transaction()` nests as a
 * savepoint. It ends with its transaction: a store kept past the commit fails instead of writing on a connection
 * given back to the pool.
 */
export class TransactionSqlClient implements SqlClient {
  readonly copyFrom?: (sql: string, chunks: Iterable<string | Buffer>) => Promise<void>;
  private ended = false;
  private nestedOpen = false;

  constructor(
    private readonly connection: SqlQuery,
    private readonly depth: number,
    /** The root's: whether this transaction, held open, leaves other statements free to run on other connections. */
    readonly concurrentTransactions: boolean,
  ) {
    const copy = connection.copyFrom?.bind(connection);
    if (copy) {
      this.copyFrom = async (sql, chunks) => {
        this.check();
        return copy(sql, chunks);
      };
    }
  }

  // The interface's type: rows of any shape, as the caller declares them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query(sql: string, parameters?: unknown[]): Promise<any> {
    this.check();
    return this.connection.query(sql, parameters);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    this.check();
    // Two savepoints open side by side on one connection would undo each other's work.
    if (this.nestedOpen) throw new Error('a nested transaction is already open on this transaction: open one at a time, each on the client its parent gives');
    const savepoint = `vigie_savepoint_${this.depth}`;
    const child = new TransactionSqlClient(this.connection, this.depth + 1, this.concurrentTransactions);
    this.nestedOpen = true;
    try {
      await this.connection.query(`SAVEPOINT ${savepoint}`);
      const result = await insideTransactionOf(this, () => fn(child));
      await this.connection.query(`RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (err) {
      // Undoes the nested work alone: the outer transaction goes on, unless the connection itself failed.
      await this.connection
        .query(`ROLLBACK TO SAVEPOINT ${savepoint}`)
        .then(() => this.connection.query(`RELEASE SAVEPOINT ${savepoint}`))
        .catch(() => undefined);
      throw err;
    } finally {
      child.end();
      this.nestedOpen = false;
    }
  }

  createQueryRunner(): SqlSession {
    throw new Error(
      'a session of its own cannot be opened from a transaction: it would run outside the transaction (and on the embedded database wait for it forever). ' +
        'Take a session lock before the transaction, or a transaction lock (pg_advisory_xact_lock) inside it',
    );
  }

  /** Called by the transaction that gave this client, when it commits or rolls back. */
  end(): void {
    this.ended = true;
  }

  private check(): void {
    if (this.ended) throw new Error('this transaction has ended: a store built on its client cannot be used after its commit or rollback');
    assertOutsideTransactionOf(this);
  }
}

import type { SqlQuery } from './sql-client.js';
import { assertOutsideTransactionOf } from './transaction-scope.js';
import { runTransaction } from './transaction-sql-client.js';

/** A connection that records the statements it is sent, and fails those that match `failing`. */
function recordingConnection(failing?: RegExp): SqlQuery & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async query(sql: string) {
      sent.push(sql);
      if (failing?.test(sql)) throw new Error(`failed: ${sql}`);
      return [];
    },
  };
}

/** A release that remembers what it was given. */
function recordingRelease(): ((broken?: Error) => void) & { calls: Array<Error | undefined> } {
  const calls: Array<Error | undefined> = [];
  return Object.assign((broken?: Error) => void calls.push(broken), { calls });
}

describe(runTransaction.name, () => {
  const root = { concurrentTransactions: true };

  it('commits the work, and gives the connection back', async () => {
    const connection = recordingConnection();
    const release = recordingRelease();
    const result = await runTransaction(root, connection, async (tx) => (await tx.query('INSERT a'), 42), release);
    expect(result).toBe(42);
    expect(connection.sent).toEqual(['BEGIN', 'INSERT a', 'COMMIT']);
    expect(release.calls).toEqual([undefined]);
  });

  it('rolls back when the work throws, and says so', async () => {
    const connection = recordingConnection();
    const release = recordingRelease();
    await expect(runTransaction(root, connection, async () => Promise.reject(new Error('no')), release)).rejects.toThrow('no');
    expect(connection.sent).toEqual(['BEGIN', 'ROLLBACK']);
    expect(release.calls).toEqual([undefined]);
  });

  it("gives back as broken a connection whose rollback failed, with the work's error", async () => {
    const connection = recordingConnection(/ROLLBACK/);
    const release = recordingRelease();
    await expect(runTransaction(root, connection, async () => Promise.reject(new Error('no')), release)).rejects.toThrow('no');
    expect(release.calls).toEqual([expect.objectContaining({ message: 'failed: ROLLBACK' })]);
  });

  it('nests as a savepoint, released on success and rolled back to alone on failure', async () => {
    const connection = recordingConnection();
    await runTransaction(
      root,
      connection,
      async (tx) => {
        await tx.transaction((inner) => inner.query('INSERT kept'));
        await expect(tx.transaction(async (inner) => (await inner.query('INSERT undone'), Promise.reject(new Error('inner'))))).rejects.toThrow('inner');
        await tx.query('INSERT after');
      },
      () => undefined,
    );
    expect(connection.sent).toEqual([
      'BEGIN',
      'SAVEPOINT vigie_savepoint_1',
      'INSERT kept',
      'RELEASE SAVEPOINT vigie_savepoint_1',
      'SAVEPOINT vigie_savepoint_1',
      'INSERT undone',
      'ROLLBACK TO SAVEPOINT vigie_savepoint_1',
      'RELEASE SAVEPOINT vigie_savepoint_1',
      'INSERT after',
      'COMMIT',
    ]);
  });

  it('names a savepoint by its depth', async () => {
    const connection = recordingConnection();
    await runTransaction(
      root,
      connection,
      (tx) => tx.transaction((a) => a.transaction((b) => b.query('INSERT deep'))),
      () => undefined,
    );
    expect(connection.sent).toEqual([
      'BEGIN',
      'SAVEPOINT vigie_savepoint_1',
      'SAVEPOINT vigie_savepoint_2',
      'INSERT deep',
      'RELEASE SAVEPOINT vigie_savepoint_2',
      'RELEASE SAVEPOINT vigie_savepoint_1',
      'COMMIT',
    ]);
  });

  it('refuses two nested transactions side by side on one client', async () => {
    const connection = recordingConnection();
    const outcome = runTransaction(
      root,
      connection,
      (tx) => Promise.all([tx.transaction(() => new Promise((resolve) => setTimeout(resolve, 10))), tx.transaction(async () => undefined)]),
      () => undefined,
    );
    await expect(outcome).rejects.toThrow(/a nested transaction is already open on this transaction/);
  });

  it('refuses the client that opened it from inside, and its own client once ended', async () => {
    const connection = recordingConnection();
    let kept: { query(sql: string): Promise<unknown> } | undefined;
    await expect(
      runTransaction(
        root,
        connection,
        async () => assertOutsideTransactionOf(root),
        () => undefined,
      ),
    ).rejects.toThrow(/from inside a transaction opened on that same client/);
    await expect(
      runTransaction(
        root,
        connection,
        async (tx) => tx.transaction(() => tx.query('SELECT 1')),
        () => undefined,
      ),
    ).rejects.toThrow(/same client/);
    await runTransaction(
      root,
      connection,
      async (tx) => void (kept = tx),
      () => undefined,
    );
    await expect(kept!.query('SELECT 1')).rejects.toThrow(/this transaction has ended/);
    // Outside, the client is free again, even from work the transaction left running.
    expect(() => assertOutsideTransactionOf(root)).not.toThrow();
  });

  it('lends no session of its own', async () => {
    await expect(
      runTransaction(
        root,
        recordingConnection(),
        async (tx) => tx.createQueryRunner(),
        () => undefined,
      ),
    ).rejects.toThrow(/session of its own cannot be opened from a transaction/);
  });

  it('copies through the connection when it can, and says what its root says of being held open beside other work', async () => {
    const copied: string[] = [];
    const connection = { ...recordingConnection(), copyFrom: async (sql: string) => void copied.push(sql) };
    await runTransaction(
      root,
      connection,
      async (tx) => {
        expect(tx.concurrentTransactions).toBe(true);
        await tx.transaction(async (nested) => expect(nested.concurrentTransactions).toBe(true));
        await tx.copyFrom!('COPY t FROM STDIN', ['a\n']);
      },
      () => undefined,
    );
    expect(copied).toEqual(['COPY t FROM STDIN']);
    await runTransaction(
      root,
      recordingConnection(),
      async (tx) => expect(tx.copyFrom).toBeUndefined(),
      () => undefined,
    );
    // The single session of PGlite: its transactions cannot be held open beside anything.
    await runTransaction(
      { concurrentTransactions: false },
      recordingConnection(),
      async (tx) => expect(tx.concurrentTransactions).toBe(false),
      () => undefined,
    );
  });
});

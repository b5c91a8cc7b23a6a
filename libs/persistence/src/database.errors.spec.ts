import { DatabaseUnavailableError, describeLostConnection, isDatabaseGone } from './database.errors.js';

const db = { url: 'postgres://vigie:s3cret@db.example:5433/vigie', dataDir: '' };
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe(isDatabaseGone.name, () => {
  it.each([
    ['a terminated connection (pg_terminate_backend, a failover)', pgError('57P01', 'terminating connection due to administrator command')],
    ['a server that crashed', pgError('57P02', 'terminating connection because of crash of another server process')],
    ['a server starting or stopping', pgError('57P03', 'the database system is shutting down')],
    ['a connection exception', pgError('08006', 'connection failure')],
    ['a socket reset', pgError('ECONNRESET', 'read ECONNRESET')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5433')],
    ['a connection ended under a query', new Error('Connection terminated unexpectedly')],
    ['a client used again after its connection failed', new Error('Client has encountered a connection error and is not queryable')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
  ])('is true for %s', (_what, err) => {
    expect(isDatabaseGone(err)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint "account_pkey"')],
    ['a syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('is false for %s: the statement failed, not the server', (_what, err) => {
    expect(isDatabaseGone(err)).toBe(false);
  });
});

describe(describeLostConnection.name, () => {
  it('says which database was lost and why, without the password', () => {
    const err = describeLostConnection(db, pgError('57P01', 'terminating connection due to administrator command'));
    expect(err).toBeInstanceOf(DatabaseUnavailableError);
    expect(err.kind).toBe('unavailable');
    expect(err.message).toBe(
      'the connection to PostgreSQL at db.example:5433/vigie was lost (terminating connection due to administrator command). Check that the server is running and reachable, then run the command again.',
    );
  });

  it('says the server cannot be reached when a new connection is refused', () => {
    expect(describeLostConnection(db, pgError('ECONNREFUSED', 'connect ECONNREFUSED')).message).toMatch(
      /^cannot connect to PostgreSQL at db\.example:5433\/vigie: connection refused\. Check DATABASE_URL/,
    );
  });
});

import { resolve } from 'node:path';
import { VigieError } from '#vigie/common';

export interface DatabaseOptions {
  /** postgres:// URL; when absent, the embedded PGlite database in dataDir is used. */
  url?: string;
  dataDir: string;
  poolSize?: number;
}

/** The database could not be reached or opened: the message says where and what to check. */
export class DatabaseUnavailableError extends VigieError {
  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super('unavailable', `${message}. ${hint}`, options);
  }
}

export function describeDatabase(db: DatabaseOptions): string {
  if (!db.url) return `embedded PostgreSQL in ${resolve(db.dataDir)}`;
  try {
    const u = new URL(db.url);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a valid URL)';
  }
}

export function describeConnectionError(db: DatabaseOptions, err: unknown): DatabaseUnavailableError {
  // Already says what is wrong and what to do (the embedded database held by another process).
  if (err instanceof DatabaseUnavailableError) return err;
  const e = err as NodeJS.ErrnoException & { code?: string };
  const where = describeDatabase(db);
  if (!db.url) {
    return new DatabaseUnavailableError(
      `cannot open the ${where}: ${e.message}`,
      'Check that the folder is writable and not used by another Vigie process (set VIGIE_DATA_DIR to use another one).',
      { cause: err },
    );
  }
  const reason =
    e.code === 'ECONNREFUSED'
      ? 'connection refused'
      : e.code === 'ENOTFOUND'
        ? 'host not found'
        : e.code === '3D000'
          ? 'database does not exist'
          : e.code === '28P01' || e.code === '28000'
            ? 'authentication failed'
            : /timeout/i.test(e.message)
              ? 'connection timed out'
              : e.message;
  return new DatabaseUnavailableError(
    `cannot connect to ${where}: ${reason}`,
    'Check DATABASE_URL (host, port, database, user, password) and that the server is running.',
    { cause: err },
  );
}

/** Codes that say the server cannot be reached: a new connection failed. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', '57P03']);
/** Codes that say an open connection was lost: PostgreSQL's shutdown or termination (57P01, 57P02), a socket gone. */
const LOST = new Set(['57P01', '57P02', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
// What pg says when a connection ends under a query, or when a client it already saw fail is used again.
const LOST_MESSAGES = /^Connection terminated|connection error and is not queryable|Client was closed and is not queryable/;

/**
 * Whether an error says that PostgreSQL went away or cannot be reached (rather than a statement that failed): the
 * server stopped, the connection was terminated (pg_terminate_backend, a failover, a network cut), or a new one failed.
 */
export function isDatabaseGone(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNREACHABLE.has(code) || LOST.has(code) || code.startsWith('08'))) return true;
  return typeof message === 'string' && (LOST_MESSAGES.test(message) || /timeout exceeded when trying to connect/i.test(message));
}

/** The error to report for a database that went away while in use (see isDatabaseGone): unavailable, try again. */
export function describeLostConnection(db: DatabaseOptions, err: unknown): DatabaseUnavailableError {
  const { code, message } = err as { code?: string; message?: string };
  if ((code && UNREACHABLE.has(code)) || /timeout exceeded when trying to connect/i.test(message ?? '')) return describeConnectionError(db, err);
  return new DatabaseUnavailableError(
    `the connection to ${describeDatabase(db)} was lost (${message ?? String(err)})`,
    'Check that the server is running and reachable, then run the command again.',
    { cause: err },
  );
}

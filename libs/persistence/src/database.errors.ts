import { resolve } from 'node:path';

export interface DatabaseOptions {
  /** postgres:// URL; when absent, the embedded PGlite database in dataDir is used. */
  url?: string;
  dataDir: string;
  poolSize?: number;
}

/** The database could not be reached or opened: the message says where and what to check. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, readonly hint: string) {
    super(`${message}. ${hint}`);
    this.name = 'DatabaseUnavailableError';
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
  const e = err as NodeJS.ErrnoException & { code?: string };
  const where = describeDatabase(db);
  if (!db.url) {
    return new DatabaseUnavailableError(`cannot open the ${where}: ${e.message}`, 'Check that the folder is writable and not used by another Vigie process (set VIGIE_DATA_DIR to use another one).');
  }
  const reason =
    e.code === 'ECONNREFUSED' ? 'connection refused'
    : e.code === 'ENOTFOUND' ? 'host not found'
    : e.code === '3D000' ? 'database does not exist'
    : e.code === '28P01' || e.code === '28000' ? 'authentication failed'
    : /timeout/i.test(e.message) ? 'connection timed out'
    : e.message;
  return new DatabaseUnavailableError(`cannot connect to ${where}: ${reason}`, 'Check DATABASE_URL (host, port, database, user, password) and that the server is running.');
}

import { resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { DatabaseUnavailableError } from './database.errors.js';
import { MIGRATIONS } from './migrations/index.js';
import { SerialisedPglitePool, pgliteDriverModule } from './pglite/serialised-pglite-pool.js';

export interface DatabaseOptions {
  /** postgres:// URL; when absent, the embedded PGlite database in dataDir is used. */
  url?: string;
  dataDir: string;
  poolSize?: number;
}

export function dataSourceOptions(db: DatabaseOptions): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; no extension to install.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: false,
  };
  if (db.url) return { ...common, url: db.url, poolSize: db.poolSize ?? 10, connectTimeoutMS: 5000, applicationName: 'vigie' };
  const dataDir = resolve(db.dataDir);
  SerialisedPglitePool.configure(dataDir);
  return { ...common, driver: pgliteDriverModule };
}

/** Opens the store and applies pending migrations (never schema sync). */
export async function openDataSource(db: DatabaseOptions): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(db));
  try {
    await ds.initialize();
  } catch (err) {
    throw describeConnectionError(db, err);
  }
  try {
    await ds.runMigrations({ transaction: 'each' });
  } catch (err) {
    await ds.destroy().catch(() => undefined);
    throw new DatabaseUnavailableError(`applying database migrations failed: ${(err as Error).message}`, 'The database was left at its previous migration; check the logs and the PostgreSQL version (15 or later).');
  }
  return ds;
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

function describeConnectionError(db: DatabaseOptions, err: unknown): DatabaseUnavailableError {
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

import { resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities/index.js';
import { type DatabaseOptions, DatabaseUnavailableError, describeConnectionError } from './database.errors.js';
import { MIGRATIONS } from './migrations/index.js';
import { SerialisedPglitePool, pgliteDriverModule } from './pglite/serialised-pglite-pool.js';

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
    throw new DatabaseUnavailableError(
      `applying database migrations failed: ${(err as Error).message}`,
      'The database was left at its previous migration; check the logs and the PostgreSQL version (15 or later).',
    );
  }
  return ds;
}

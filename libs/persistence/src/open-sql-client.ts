import type { DataSource } from 'typeorm';
import type { DatabaseOptions } from './database.errors.js';
import { DataSourceSqlClient } from './data-source-sql-client.js';
import { migrationsApplied } from './migrations-applied.js';
import { PgSqlClient } from './pg/pg-sql-client.js';
import type { ClosableSqlClient } from './sql-client.js';

/**
 * Opens the database with its migrations applied, as one SqlClient for every store. On PostgreSQL the stores run on
 * one pg pool, where a store's rows and the trail's entries share a transaction; TypeORM is loaded only when a
 * migration is pending, applies it and closes (loading it costs more than an incremental `vigie sync`). On the
 * embedded PGlite, TypeORM's DataSource is the connection.
 */
export async function openSqlClient(db: DatabaseOptions): Promise<ClosableSqlClient> {
  if (!db.url) return new DataSourceSqlClient(await openDataSource(db));
  const client = await PgSqlClient.connect(db);
  try {
    if (!(await migrationsApplied(client))) await (await openDataSource(db)).destroy();
    return client;
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
}

/** TypeORM's DataSource with the migrations applied (loaded on demand: TypeORM, the entities, PGlite). */
export async function openDataSource(db: DatabaseOptions): Promise<DataSource> {
  return (await import('./data-source.factory.js')).openDataSource(db);
}

/** Closes the embedded PGlite of this process, if one is open (tests open several in turn). */
export async function closeEmbeddedDatabase(): Promise<void> {
  await (await import('./pglite/serialised-pglite-pool.js')).SerialisedPglitePool.close();
}

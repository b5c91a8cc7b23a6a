// What `vigie sync` needs without Nest and TypeORM (`#vigie/persistence/core`): the sync's stores
// on a plain pg pool. The index adds TypeORM's DataSource, the entities and the Nest module.
export * from './database.errors.js';
export * from './job-lock.js';
export * from './migrations-applied.js';
export * from './pg/pg-sql-client.js';
export * from './sql-client.js';
export * from './stores/typeorm-snapshot.store.js';
export * from './stores/typeorm-sync-run.store.js';
export * from './stores/typeorm-trail.store.js';

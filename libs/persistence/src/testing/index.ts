// For integration tests of the persistence itself (`#vigie/persistence/testing`): TypeORM's entities and the PGlite
// pool, which production code reaches only through openSqlClient.
export * from '../entities/index.js';
export { dataSourceOptions } from '../data-source.factory.js';
export { SerialisedPglitePool } from '../pglite/serialised-pglite-pool.js';

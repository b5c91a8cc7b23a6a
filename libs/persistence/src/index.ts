// The stores of every port that needs storage, and the clients they run on. Nothing here loads TypeORM, PGlite or a
// domain library's rules at import: `openSqlClient` loads TypeORM only to apply pending migrations (or for PGlite).
export * from './data-source-sql-client.js';
export { DatabaseUnavailableError } from './database.errors.js';
export * from './job-lock.js';
export { PgBossJobQueue, type PgBossJobQueueOptions } from './jobs/pg-boss.job-queue.js';
export * from './migrations-applied.js';
export * from './open-sql-client.js';
export * from './pg/pg-sql-client.js';
export type { ClosableSqlClient, SqlClient } from './sql-client.js';
export * from './stores/pg-access-request.store.js';
export * from './stores/pg-access-slice.store.js';
export * from './stores/pg-api-token.store.js';
export * from './stores/pg-compliance-data.source.js';
export * from './stores/pg-finding.store.js';
export * from './stores/pg-hr-event.store.js';
export * from './stores/pg-oidc-sign-in.store.js';
export * from './stores/pg-personal-data.store.js';
export * from './stores/pg-policy.store.js';
export * from './stores/pg-report.store.js';
export * from './stores/pg-sign-in-attempt.store.js';
export * from './stores/pg-snapshot.store.js';
export * from './stores/pg-staff-session.store.js';
export * from './stores/pg-sync-change.store.js';
export * from './stores/pg-sync-run.store.js';
export { PgTrailStore } from './stores/pg-trail.store.js';
export { NOT_PERSONAL, PERSONAL_DATA, registeredColumns } from './stores/personal-data.registry.js';

// Helpers for specs and integration tests only (`#vigie/identity/testing`): never imported by production code.
export * from './fake-directory.js';
export * from './in-memory-snapshot.store.js';
export * from './in-memory-sync-run.store.js';
export * from './snapshot.factory.js';

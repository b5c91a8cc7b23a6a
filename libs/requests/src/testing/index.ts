// Helpers for specs and integration tests only (`#vigie/requests/testing`): never imported by production code.
export * from './access-request.factory.js';
export * from './in-memory-access-request.store.js';

// Helpers for specs only (`#vigie/access-control/testing`): never imported by production code.
export * from './in-memory-sign-in-attempt.store.js';

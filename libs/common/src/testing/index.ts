// Helpers for specs and integration tests only (`#vigie/common/testing`): never imported by production code.
export * from './in-memory-unit-of-work.js';

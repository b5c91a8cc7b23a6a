// Helpers for specs and integration tests only (`#vigie/trail/testing`): never imported by production code.
export * from './buffered-trail.writer.js';

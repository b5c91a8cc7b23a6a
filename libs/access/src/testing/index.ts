// Helpers for specs and integration tests only (`#vigie/access/testing`): never imported by production code.
export * from '../__fixtures__/group-reference.cases.js';
export { SnapshotSlices } from '../__fixtures__/snapshot-slices.js';

export * from './entry-mapper.js';
export * from './ports/snapshot.store.js';
export * from './ports/sync-run.store.js';
export * from './snapshot-builder.js';
export * from './snapshot.model.js';
export * from './sync-run.model.js';
export * from './sync.service.js';
export * from './testing/snapshot.factory.js';

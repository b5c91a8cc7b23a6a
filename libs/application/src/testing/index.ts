// Helpers for the application layer's specs only: never imported by production code.
export * from './actors.js';
export * from './api-tokens.world.js';
export * from './fake-job-lock.js';
export * from './fixtures.js';
export * from './in-memory-api-token.store.js';
export * from './input-refusals.js';
export * from './recording-logger.js';
export * from './service-fake.js';
export * from './in-memory-staff-session.store.js';
export * from './staff-sessions.world.js';
export * from './fake-oidc.js';
export * from './fake-directory-writer.js';
export * from './access-requests.world.js';
export * from './fake-account-directory.js';
export * from './hr-apply.world.js';
export * from './hr-events.world.js';
export * from './scim.world.js';

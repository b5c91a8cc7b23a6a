// Helpers for specs and tests only: never imported by production code.
export * from './notice-fixtures.js';

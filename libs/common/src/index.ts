export * from './errors/vigie-error.js';
export * from './unit-of-work.js';

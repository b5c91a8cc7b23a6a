export * from './errors/usage.error.js';
export { ERROR_KINDS, type ErrorKind, isVigieError, VigieError } from './errors/vigie-error.js';
export * from './job-lock.js';
export * from './unit-of-work.js';
export * from './job-queue.js';

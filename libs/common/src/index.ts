export * from './errors/usage.error.js';
export { ERROR_KINDS, type ErrorKind, isVigieError, VigieError } from './errors/vigie-error.js';
export * from './job-lock.js';
export * from './unit-of-work.js';
export {
  type EnqueueOptions,
  type FailedJob,
  type JobFailureListener,
  type JobHandler,
  type JobOutbox,
  type JobPayload,
  JobQueue,
  type WorkOptions,
} from './job-queue.js';
export { CSV_DIALECTS, type CsvCell, type CsvDialect, CsvWriter, csvDialectFor, toCsv } from './csv/csv-writer.js';

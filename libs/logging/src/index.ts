export * from './create-logger.js';
export * from './pino-logger.service.js';
export * from './redact.js';

export * from './create-logger.js';
export * from './deferred-logger.service.js';
export * from './pino-logger.service.js';
export * from './redact.js';

export { createLogger } from './create-logger.js';
export * from './deferred-logger.service.js';
export * from './pino-logger.service.js';
export { redactText } from './redact.js';
export * from './logger.port.js';

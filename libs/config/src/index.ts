export * from './config.error.js';
export * from './config.module.js';
export * from './config.schema.js';
export { loadConfig, type LoadConfigOptions } from './load-config.js';

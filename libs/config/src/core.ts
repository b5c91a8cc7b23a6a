// What a short command needs without Nest (`#vigie/config/core`): the index adds the Nest module.
export * from './config.error.js';
export * from './config.schema.js';
export { loadConfig, type LoadConfigOptions } from './load-config.js';

export { type AuthConfig, configSchema, type DirectoryConfig, directoryConfigSchema, type TrailConfig, type VigieConfig } from './config.schema.js';
export { loadConfig, type LoadConfigOptions } from './load-config.js';

export * from './application.module.js';
export * from './core.js';
export * from './compliance-audit.service.js';
export * from './trail.providers.js';
export * from './trail-log-retention.source.js';

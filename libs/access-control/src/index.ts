export * from './api-token.model.js';
export * from './api-token.service.js';
export * from './ports/api-token.store.js';
export * from './staff-abilities.js';
export * from './staff-role.js';

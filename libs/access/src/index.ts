export * from './effective-access.calculator.js';
export * from './effective-access.model.js';
export * from './membership-graph.js';
export * from './reach-index.js';
export * from './well-known-principals.js';

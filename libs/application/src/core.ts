// What a short command needs without Nest (`#vigie/application/core`): the index adds the modules.
export * from './directory-sources.js';

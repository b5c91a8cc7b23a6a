export * from './hr-record.model.js';
export * from './hr.source.js';
export * from './roster-file.error.js';
export { ROSTER_COLUMNS, readRosterFile } from './roster-file.parser.js';

export * from './hr-record.model.js';
export * from './hr.source.js';
export { readRosterFile } from './roster-file.parser.js';
export { ROSTER_COLUMNS, type RosterFormat } from './roster-columns.js';

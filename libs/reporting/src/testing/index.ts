export * from './report-fakes.js';
export * from './sample-report.js';

export * from './compliance-report.model.js';
export { ComplianceReportBuilder, type ReportContext, type ReportRequest } from './compliance-report.builder.js';
export { ComplianceDataSource, type PolicyResources, type ResourceHolders, type RuleCount } from './ports/compliance-data.source.js';
export { lastDays, previousMonth } from './report-period.js';
export { renderHtml } from './render-html.js';
export { renderPdf } from './render-pdf.js';
export { ReportStore, type ReportTrigger, type StoredReport } from './ports/report.store.js';
export { type RenderedReport, renderReport } from './report-file.js';

export {
  type PrivilegedAccount,
  REPORT_FORMATS,
  type ReportCheckpoint,
  type ReportFormat,
  type ReportLang,
  type RiskAcceptance,
} from './compliance-report.model.js';
export { ComplianceReportBuilder, type ReportRequest } from './compliance-report.builder.js';
export { ComplianceDataSource, type PolicyResources, type ResourceHolders, type RuleCount } from './ports/compliance-data.source.js';
export { renderPdf } from './render-pdf.js';
export { ReportStore, type ReportTrigger, type StoredReport } from './ports/report.store.js';
export { type RenderedReport, renderReport } from './report-file.js';

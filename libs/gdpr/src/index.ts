export { renderSubjectAccessHtml } from './gdpr-html.renderer.js';
export { StillInDirectoryError, UnknownDataSubjectError } from './gdpr.errors.js';
export { type ErasureResult, GdprService, type KnownForms } from './gdpr.service.js';
export * from './ports/personal-data.store.js';
export * from './subject-access.report.js';
export { EXPORT_LANGUAGES, type ExportLanguage } from './gdpr-html.texts.js';

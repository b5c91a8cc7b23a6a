import type { ReportFormat, ReportLang } from '../compliance-report.model.js';

export type ReportTrigger = 'manual' | 'scheduled';

/** A stored report without its bytes: what lists show and what the API answers after generating one. */
export interface StoredReport {
  id: string;
  createdAt: Date;
  /** The staff member's id, or `system` for the schedule and the command line. */
  createdBy: string;
  trigger: ReportTrigger;
  periodFrom: Date;
  periodTo: Date;
  format: ReportFormat;
  lang: ReportLang;
  /** Hex SHA-256 of the content: the download's ETag, and a check the file was not changed. */
  sha256: string;
  byteSize: number;
  fileName: string;
}

/** Where generated reports are kept for download (table `report`). */
export abstract class ReportStore {
  /** `subjects`: who the report names, lower-cased, for the erasure of a person (GDPR art. 17). */
  abstract save(report: StoredReport, content: Buffer, subjects: string[]): Promise<void>;
  /** Newest first. */
  abstract list(page: { limit: number; offset: number }): Promise<{ reports: StoredReport[]; total: number }>;
  abstract content(id: string): Promise<{ report: StoredReport; content: Buffer } | null>;
}

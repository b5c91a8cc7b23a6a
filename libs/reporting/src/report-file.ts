import { createHash } from 'node:crypto';
import type { ComplianceReport, ReportFormat } from './compliance-report.model.js';
import { renderHtml } from './render-html.js';
import { renderPdf } from './render-pdf.js';
import { subjectsOf } from './report-subjects.js';

export interface RenderedReport {
  content: Buffer;
  mediaType: string;
  fileName: string;
  sha256: string;
  /** Who it names, lower-cased (report-subjects.ts): what the erasure looks up. */
  subjects: string[];
}

const MEDIA_TYPES: Record<ReportFormat, string> = { pdf: 'application/pdf', html: 'text/html; charset=utf-8' };

/** The report in a format, with what a download needs: its media type, a file name naming the period, its digest. */
export async function renderReport(report: ComplianceReport, format: ReportFormat): Promise<RenderedReport> {
  const content = format === 'pdf' ? await renderPdf(report) : Buffer.from(renderHtml(report), 'utf8');
  const day = (d: Date) => d.toISOString().slice(0, 10);
  // The period's end is exclusive: the file names the last day it covers.
  const fileName = `vigie-report-${day(report.period.from)}-${day(new Date(report.period.to.getTime() - 1))}-${report.lang}.${format}`;
  return { content, mediaType: MEDIA_TYPES[format], fileName, sha256: createHash('sha256').update(content).digest('hex'), subjects: subjectsOf(report) };
}

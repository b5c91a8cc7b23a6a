import * as z from 'zod';
import { VigieError } from '#vigie/common';
import type { ReportStore, StoredReport } from '#vigie/reporting';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const downloadReportInput = z
  .object({ id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a report id, as `vigie reports list` shows it') })
  .strict();

export interface DownloadedReport {
  report: StoredReport;
  content: Buffer;
  mediaType: string;
}

const MEDIA_TYPES = { pdf: 'application/pdf', html: 'text/html; charset=utf-8' } as const;

/** A stored report's bytes, as generated, with its media type. */
export class DownloadReport implements UseCase<typeof downloadReportInput, DownloadedReport> {
  static readonly definition: UseCaseDefinition<typeof downloadReportInput> = {
    name: 'download-report',
    input: downloadReportInput,
    ability: ['read', 'Report'],
  };
  readonly definition = DownloadReport.definition;

  constructor(private readonly store: Pick<ReportStore, 'content'>) {}

  async execute(input: z.output<typeof downloadReportInput>): Promise<DownloadedReport> {
    const found = await this.store.content(input.id);
    if (!found) throw new VigieError('not-found', `no stored report with id ${input.id}: \`vigie reports list\` shows them`);
    return { ...found, mediaType: MEDIA_TYPES[found.report.format] };
  }
}

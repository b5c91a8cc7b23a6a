import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { UnitOfWork } from '#vigie/common';
import { type ComplianceReportBuilder, renderReport, type ReportStore, type StoredReport } from '#vigie/reporting';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { periodInOrder, periodOf, reportRequestFields } from '../build-compliance-report/build-compliance-report.input.js';

export const generateReportInput = z
  .object({
    ...reportRequestFields,
    /** `scheduled` for the monthly job; a caller from the API or the command line generates a manual one. */
    trigger: z.enum(['manual', 'scheduled']).default('manual'),
  })
  .strict()
  .refine(periodInOrder, { message: 'from must be before to', path: ['from'] });

/** Renders a compliance report and keeps it for download; the row and its `report.generated` entry commit together. */
export class GenerateReport implements UseCase<typeof generateReportInput, StoredReport> {
  static readonly definition: UseCaseDefinition<typeof generateReportInput> = {
    name: 'generate-report',
    input: generateReportInput,
    ability: ['create', 'Report'],
  };
  readonly definition = GenerateReport.definition;

  constructor(
    private readonly builder: Pick<ComplianceReportBuilder, 'build'>,
    private readonly uow: UnitOfWork<{ reports: Pick<ReportStore, 'save'>; trail: TrailWriter }>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof generateReportInput>, context: UseCaseContext): Promise<StoredReport> {
    const now = this.now();
    const period = periodOf(input, now);
    // Built and rendered before the transaction opens: a report takes seconds, a transaction should not.
    const rendered = await renderReport(await this.builder.build({ period, lang: input.lang, now }), input.format);
    const stored: StoredReport = {
      id: randomUUID(),
      createdAt: now,
      createdBy: context.actor.id,
      trigger: input.trigger,
      periodFrom: period.from,
      periodTo: period.to,
      format: input.format,
      lang: input.lang,
      sha256: rendered.sha256,
      byteSize: rendered.content.length,
      fileName: rendered.fileName,
    };
    return this.uow.run(async ({ reports, trail }) => {
      await reports.save(stored, rendered.content, rendered.subjects);
      await trail.record({
        action: 'report.generated',
        target: { type: 'report', id: stored.id },
        after: {
          trigger: stored.trigger,
          format: stored.format,
          lang: stored.lang,
          from: stored.periodFrom.toISOString(),
          to: stored.periodTo.toISOString(),
          sha256: stored.sha256,
          bytes: stored.byteSize,
        },
      });
      return stored;
    });
  }
}

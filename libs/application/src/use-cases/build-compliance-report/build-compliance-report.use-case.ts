import type * as z from 'zod';
import type { ComplianceReportBuilder, RenderedReport } from '#vigie/reporting';
import { renderReport } from '#vigie/reporting';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { periodOf, reportRequestInput } from './build-compliance-report.input.js';

export interface BuiltReport extends RenderedReport {
  period: { from: Date; to: Date };
}

/** A compliance report, PDF or HTML, in French or English, rendered now and not kept (`vigie report`). */
export class BuildComplianceReport implements UseCase<typeof reportRequestInput, BuiltReport> {
  static readonly definition: UseCaseDefinition<typeof reportRequestInput> = {
    name: 'build-compliance-report',
    input: reportRequestInput,
    ability: ['read', 'Report'],
  };
  readonly definition = BuildComplianceReport.definition;

  constructor(
    private readonly builder: Pick<ComplianceReportBuilder, 'build'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof reportRequestInput>): Promise<BuiltReport> {
    const now = this.now();
    const period = periodOf(input, now);
    const report = await this.builder.build({ period, lang: input.lang, now });
    return { ...(await renderReport(report, input.format)), period };
  }
}

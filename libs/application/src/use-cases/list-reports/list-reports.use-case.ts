import * as z from 'zod';
import type { ReportStore, StoredReport } from '#vigie/reporting';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { pageLimit, pageOffset } from '../shared/input-schemas.js';

export const listReportsInput = z.object({ limit: pageLimit, offset: pageOffset }).strict();

export interface ReportsPage {
  reports: StoredReport[];
  total: number;
  limit: number;
  offset: number;
}

/** The stored compliance reports, newest first, a page at a time. */
export class ListReports implements UseCase<typeof listReportsInput, ReportsPage> {
  static readonly definition: UseCaseDefinition<typeof listReportsInput> = { name: 'list-reports', input: listReportsInput, ability: ['read', 'Report'] };
  readonly definition = ListReports.definition;

  constructor(private readonly store: Pick<ReportStore, 'list'>) {}

  async execute(input: z.output<typeof listReportsInput>): Promise<ReportsPage> {
    return { ...(await this.store.list(input)), limit: input.limit, offset: input.offset };
  }
}

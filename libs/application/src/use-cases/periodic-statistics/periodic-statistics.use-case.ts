import type * as z from 'zod';
import type { AuditRunsMonth, FindingsMonth, RequestsMonth, StatisticsSource, SyncsMonth } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { MAX_MONTHS, periodicStatisticsInput } from './periodic-statistics.input.js';
import { addMonths, monthIn, monthsBetween } from './months.js';

type Figures<T> = Omit<T, 'month'>;

export interface MonthStatistics {
  month: string;
  findings: Figures<FindingsMonth>;
  auditRuns: Figures<AuditRunsMonth>;
  syncs: Figures<SyncsMonth>;
  requests: Figures<RequestsMonth>;
  /** HR events applied, by type (hire, update, move, leave, cancel); an absent type is zero. */
  hrEvents: Record<string, number>;
}

export interface PeriodicStatisticsReport {
  from: string;
  to: string;
  timezone: string;
  /** Every month of the period, oldest first, with zeros where nothing happened. */
  months: MonthStatistics[];
}

const NO_FINDINGS: Figures<FindingsMonth> = { opened: 0, closed: 0, meanDaysToResolve: null, medianDaysToResolve: null };
const NO_RUNS: Figures<AuditRunsMonth> = { runs: 0, succeeded: 0, failed: 0 };
const NO_SYNCS: Figures<SyncsMonth> = { runs: 0, failed: 0, objectChanges: 0, membershipChanges: 0 };
const NO_REQUESTS: Figures<RequestsMonth> = {
  created: 0,
  decided: 0,
  approved: 0,
  rejected: 0,
  meanDaysToDecide: null,
  medianDaysToDecide: null,
  provisioned: 0,
  meanDaysToProvision: null,
};

/**
 * The figures a technician reports each month (CQPM): findings opened and closed and the time to resolve them, audit
 * runs, syncs and what they changed, access requests and their lead time, HR events applied. docs/statistics.md.
 */
export class PeriodicStatistics implements UseCase<typeof periodicStatisticsInput, PeriodicStatisticsReport> {
  static readonly definition: UseCaseDefinition<typeof periodicStatisticsInput> = {
    name: 'periodic-statistics',
    input: periodicStatisticsInput,
    ability: ['read', 'Report'],
  };
  readonly definition = PeriodicStatistics.definition;

  constructor(
    private readonly source: StatisticsSource,
    private readonly timezone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof periodicStatisticsInput>): Promise<PeriodicStatisticsReport> {
    const to = input.to ?? (input.from ? addMonths(input.from, 11) : monthIn(this.now(), this.timezone));
    const from = input.from ?? addMonths(to, -11);
    if (from > to) throw new VigieError('invalid-input', `the period starts (${from}) after it ends (${to}): give from before to`);
    const months = monthsBetween(from, to);
    if (months.length > MAX_MONTHS) {
      throw new VigieError('invalid-input', `the period covers ${months.length} months, more than ${MAX_MONTHS}: ask for a shorter one`);
    }
    const range = { from, to, timezone: this.timezone };
    const [findings, auditRuns, syncs, requests, hrEvents] = await Promise.all([
      this.source.findings(range),
      this.source.auditRuns(range),
      this.source.syncs(range),
      this.source.requests(range),
      this.source.hrEvents(range),
    ]);
    const byMonth = <T extends { month: string }>(rows: T[]) => new Map(rows.map(({ month, ...figures }) => [month, figures]));
    const [f, a, s, r, h] = [byMonth(findings), byMonth(auditRuns), byMonth(syncs), byMonth(requests), byMonth(hrEvents)];
    return {
      from,
      to,
      timezone: this.timezone,
      months: months.map((month) => ({
        month,
        findings: f.get(month) ?? NO_FINDINGS,
        auditRuns: a.get(month) ?? NO_RUNS,
        syncs: s.get(month) ?? NO_SYNCS,
        requests: r.get(month) ?? NO_REQUESTS,
        hrEvents: h.get(month)?.applied ?? {},
      })),
    };
  }
}

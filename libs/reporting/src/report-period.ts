import type { ReportPeriod } from './compliance-report.model.js';

/** The calendar month before `now`'s, as instants in UTC: what the monthly schedule reports on. */
export function previousMonth(now: Date): ReportPeriod {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { from, to };
}

/** The default period of a report asked for now: the last 30 days up to now. */
export function lastDays(now: Date, days: number): ReportPeriod {
  return { from: new Date(now.getTime() - days * 86_400_000), to: now };
}

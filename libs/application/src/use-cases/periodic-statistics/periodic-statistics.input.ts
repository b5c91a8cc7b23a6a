import * as z from 'zod';

/** A calendar month, `YYYY-MM`. */
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM, e.g. 2026-01');

/** At most five years of months: the report is a table, and each month is a row. */
export const MAX_MONTHS = 60;

export const periodicStatisticsInput = z
  .object({
    /** First month, included; default: eleven months before `to`. */
    from: yearMonth.optional(),
    /** Last month, included; default: the current month in the scheduler's timezone. */
    to: yearMonth.optional(),
  })
  .strict();

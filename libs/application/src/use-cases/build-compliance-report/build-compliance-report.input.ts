import * as z from 'zod';
import { REPORT_FORMATS } from '#vigie/reporting';
import { REMEDIATION_LANGS } from '#vigie/audit';
import { isoInstant, oneOf } from '../shared/input-schemas.js';

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day given as YYYY-MM-DD ends the period at the end of that day: `--to 2026-11-30` includes the 30th. */
const periodEnd = z
  .union([z.string(), z.date()])
  .transform((v) => ({ v, inclusiveDay: typeof v === 'string' && DAY.test(v) }))
  .pipe(z.object({ v: isoInstant, inclusiveDay: z.boolean() }))
  .transform(({ v, inclusiveDay }) => (inclusiveDay ? new Date(v.getTime() + DAY_MS) : v));

/** The fields of a report request, shared by the report built now and the report kept. */
export const reportRequestFields = {
  format: oneOf(REPORT_FORMATS).default('pdf'),
  lang: oneOf(REMEDIATION_LANGS).default('fr'),
  /** The period's first day (or instant); 30 days before its end when absent. */
  from: isoInstant.optional(),
  /** The period's last day, included (or its end instant); now when absent. */
  to: periodEnd.optional(),
};

/** A period must end after it starts. */
export const periodInOrder = (v: { from?: Date; to?: Date }) => !v.from || !v.to || v.from.getTime() < v.to.getTime();

export const reportRequestInput = z
  .object(reportRequestFields)
  .strict()
  .refine(periodInOrder, { message: 'from must be before to', path: ['from'] });

export type ReportRequestInput = z.output<typeof reportRequestInput>;

/** The period a request names, defaults filled: the 30 days before `to`, `to` being now when absent. */
export function periodOf(input: Pick<ReportRequestInput, 'from' | 'to'>, now: Date): { from: Date; to: Date } {
  const to = input.to ?? now;
  return { from: input.from ?? new Date(to.getTime() - 30 * DAY_MS), to };
}

import * as z from 'zod';
import type { StoredReport } from '#vigie/reporting';
import { InstantSchema, toInstant } from '../openapi/instant.schema.js';

export const StoredReportSchema = z
  .strictObject({
    id: z.string(),
    createdAt: InstantSchema,
    createdBy: z.string().describe('the staff member or token that generated it; `system` for the schedule and the command line'),
    trigger: z.enum(['manual', 'scheduled']),
    periodFrom: InstantSchema,
    periodTo: InstantSchema.describe('the end of the period, excluded'),
    format: z.enum(['pdf', 'html']),
    lang: z.enum(['fr', 'en']),
    sha256: z.string().describe('hex SHA-256 of the file: the ETag of its download'),
    byteSize: z.int().min(0),
    fileName: z.string(),
  })
  .meta({ id: 'StoredReport' });
export type StoredReportResponse = z.infer<typeof StoredReportSchema>;

export const ReportsPageSchema = z
  .strictObject({ total: z.int().min(0), limit: z.int().min(1), offset: z.int().min(0), reports: z.array(StoredReportSchema) })
  .meta({ id: 'ReportsPage' });
export type ReportsPageResponse = z.infer<typeof ReportsPageSchema>;

export function toStoredReportResponse(r: StoredReport): StoredReportResponse {
  return { ...r, createdAt: toInstant(r.createdAt), periodFrom: toInstant(r.periodFrom), periodTo: toInstant(r.periodTo) };
}

export function toReportsPageResponse(p: { total: number; limit: number; offset: number; reports: StoredReport[] }): ReportsPageResponse {
  return { total: p.total, limit: p.limit, offset: p.offset, reports: p.reports.map(toStoredReportResponse) };
}

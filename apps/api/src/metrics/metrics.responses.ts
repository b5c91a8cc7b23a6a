import * as z from 'zod';

/** The Prometheus text exposition format, version 0.0.4. */
export const MetricsTextSchema = z.string().describe('Prometheus text exposition format 0.0.4');

export type MetricsTextResponse = z.infer<typeof MetricsTextSchema>;

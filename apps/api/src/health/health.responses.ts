import * as z from 'zod';

export const LivenessSchema = z.strictObject({ status: z.literal('ok') }).meta({ id: 'Liveness' });

export type LivenessResponse = z.infer<typeof LivenessSchema>;

/** 200 with `ok` and the database `up`; 503 with `error` and the database `down`, so that probes see why. */
export const ReadinessSchema = z
  .strictObject({
    status: z.enum(['ok', 'error']),
    checks: z.strictObject({ database: z.enum(['up', 'down']) }),
  })
  .meta({ id: 'Readiness' });

export type ReadinessResponse = z.infer<typeof ReadinessSchema>;

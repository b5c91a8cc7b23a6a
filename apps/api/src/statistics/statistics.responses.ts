import * as z from 'zod';

const Days = z.number().min(0).nullable();
const Count = z.int().min(0);

const MonthStatisticsSchema = z
  .strictObject({
    month: z.string().describe('YYYY-MM, in the timezone of the report'),
    findings: z.strictObject({
      opened: Count.describe('findings first seen that month'),
      closed: Count.describe('findings resolved that month'),
      meanDaysToResolve: Days.describe('mean days from first seen to resolved, over those closed that month; null when none'),
      medianDaysToResolve: Days,
    }),
    auditRuns: z.strictObject({ runs: Count, succeeded: Count, failed: Count }),
    syncs: z.strictObject({
      runs: Count,
      failed: Count,
      objectChanges: Count.describe('objects added, modified or removed by the runs started that month'),
      membershipChanges: Count.describe('memberships added or removed'),
    }),
    requests: z.strictObject({
      created: Count,
      decided: Count.describe('approved or rejected that month'),
      approved: Count,
      rejected: Count,
      meanDaysToDecide: Days.describe('mean days from creation to decision, over those decided that month'),
      medianDaysToDecide: Days,
      provisioned: Count.describe('of those decided that month, how many had their membership confirmed in the directory'),
      meanDaysToProvision: Days.describe('mean days from creation to the confirmed membership'),
    }),
    hrEvents: z.record(z.string(), Count).describe('HR events applied that month, by type (hire, update, move, leave, cancel); a missing type is 0'),
  })
  .meta({ id: 'MonthStatistics' });

export const PeriodicStatisticsSchema = z
  .strictObject({
    from: z.string().describe('first month, YYYY-MM'),
    to: z.string().describe('last month, YYYY-MM'),
    timezone: z.string().describe('IANA timezone the months are cut in (scheduler.timezone)'),
    months: z.array(MonthStatisticsSchema).describe('every month of the period, oldest first'),
  })
  .meta({ id: 'PeriodicStatistics' });

export type PeriodicStatisticsResponse = z.infer<typeof PeriodicStatisticsSchema>;

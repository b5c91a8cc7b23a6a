import * as z from 'zod';

/** The dashboard takes no parameter: it is the state now, with the trend of the last TREND_DAYS days. */
export const showDashboardInput = z.object({}).strict();

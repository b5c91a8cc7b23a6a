/**
 * One log Vigie keeps, as R-LOG-RETENTION judges it: how long it is configured to keep entries, and how far back it
 * actually goes. The audit library reads no log itself: the application layer tells it through LogRetentionSource.
 */
export interface LogRetentionFact {
  /** Stable name, the finding's subject: `trail:access`, `trail:change`... */
  log: string;
  /** What the log holds, for people: "logins and failed logins". */
  description: string;
  retentionDays: number;
  /** Why it is kept beyond a year, as configured; null when none. */
  justification: string | null;
  /** Where the retention is configured (`trail.retention.access.days`), for the finding to say what to change. */
  setting: string;
  /** The oldest entry still kept; null when the log is empty or cannot tell. */
  oldestEntry: Date | null;
}

/** Where the audit learns about the logs Vigie keeps (the trail, in the application); none in an offline audit. */
export abstract class LogRetentionSource {
  abstract load(): Promise<LogRetentionFact[]>;
}

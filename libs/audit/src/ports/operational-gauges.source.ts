/** What the Prometheus scrape reports about the service's data (not the process): read from the database. */
export interface OperationalGauges {
  /** Findings not resolved, by severity and status (open, acknowledged, risk-accepted). */
  findings: Array<{ severity: string; status: string; count: number }>;
  /** Per configured directory that ever synced successfully: when its last successful sync finished. */
  lastSyncSuccess: Array<{ directory: string; finishedAt: Date }>;
  /** Per directory: the duration of its last successful sync, in seconds. */
  lastSyncDuration: Array<{ directory: string; seconds: number }>;
  /** The duration of the last successful audit run, in seconds; null when none. */
  lastAuditDurationSeconds: number | null;
  /** When the newest trail checkpoint was made; null when none. */
  lastCheckpointAt: Date | null;
  hrEvents: Array<{ status: string; count: number }>;
  accessRequests: Array<{ status: string; count: number }>;
}

export abstract class OperationalGaugesSource {
  abstract read(): Promise<OperationalGauges>;
}

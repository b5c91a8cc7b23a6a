/**
 * The monthly figures a technician reports under the CQPM standard, as the database aggregates them. Months are
 * `YYYY-MM` in the configured timezone; a month with nothing in it is absent here (the report fills it with zeros).
 */
export interface MonthRange {
  /** First month, included (`2026-01`). */
  from: string;
  /** Last month, included. */
  to: string;
  /** IANA timezone the months are cut in (`Europe/Paris`). */
  timezone: string;
}

export interface FindingsMonth {
  month: string;
  /** Findings first seen that month. */
  opened: number;
  /** Findings resolved that month (a finding that reopened counts at its last resolution). */
  closed: number;
  /** Days from first seen to resolved, over those closed that month; null when none closed. */
  meanDaysToResolve: number | null;
  medianDaysToResolve: number | null;
}

export interface AuditRunsMonth {
  month: string;
  runs: number;
  succeeded: number;
  failed: number;
}

export interface SyncsMonth {
  month: string;
  runs: number;
  failed: number;
  /** Objects added, modified or removed (sync_change rows) by the runs started that month. */
  objectChanges: number;
  /** Memberships added or removed (sync_membership_change rows). */
  membershipChanges: number;
}

export interface RequestsMonth {
  month: string;
  /** Access requests created that month. */
  created: number;
  /** Requests approved or rejected that month. */
  decided: number;
  approved: number;
  rejected: number;
  /** Days from creation to decision, over those decided that month; null when none. */
  meanDaysToDecide: number | null;
  medianDaysToDecide: number | null;
  /** Of those decided that month, how many had their membership confirmed in the directory, and how long it took. */
  provisioned: number;
  meanDaysToProvision: number | null;
}

export interface HrEventsMonth {
  month: string;
  /** HR events applied (status done) that month, by type (hire, update, move, leave, cancel). */
  applied: Record<string, number>;
}

export abstract class StatisticsSource {
  abstract findings(range: MonthRange): Promise<FindingsMonth[]>;
  abstract auditRuns(range: MonthRange): Promise<AuditRunsMonth[]>;
  abstract syncs(range: MonthRange): Promise<SyncsMonth[]>;
  abstract requests(range: MonthRange): Promise<RequestsMonth[]>;
  abstract hrEvents(range: MonthRange): Promise<HrEventsMonth[]>;
}

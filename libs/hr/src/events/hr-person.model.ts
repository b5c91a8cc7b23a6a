import type { HrPersonData } from './hr-event.model.js';

/** The account Vigie made (or found) for a person in the configured directory. */
export interface HrAccountRef {
  directory: string;
  dn: string;
  login: string;
}

/**
 * What Vigie knows of one person from the HR events applied so far (and what SCIM reads back): the merged data, the
 * account, and the groups a leaver held when they left (kept so that a rehire can be reviewed).
 */
export interface HrPerson {
  employeeId: string;
  /** The SCIM resource id (UUID), fixed at the person's first event. */
  scimId: string;
  /** SCIM userName when the person came by SCIM (often the UPN), else null. */
  userName: string | null;
  data: HrPersonData;
  /** false once a leave was applied (SCIM active false). */
  active: boolean;
  account: HrAccountRef | null;
  /** Group DNs removed when the person left, for the review of a rehire. */
  leaverGroups: string[];
  /**
   * The last change of department or title applied, with the values before it: what G-MOVER reads (the old role's
   * groups still held past the grace period). Absent or null when the person never moved.
   */
  moved?: { at: Date; previousDepartment: string | null; previousTitle: string | null } | null;
  /** When the applied leave ended the person's access (G-LEAVER, R-LEAVER-RETENTION); null while they work here. */
  leftAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * Something an applied event scheduled for later: the old role's groups removed after a mover's grace period, a
 * leaver's account deleted after the retention period. A cancel of the event cancels its follow-ups still scheduled.
 */
export interface HrFollowUp {
  id: string;
  kind: 'remove-groups' | 'delete-account';
  employeeId: string;
  /** The HrEvent.id that scheduled it. */
  eventId: string;
  dueAt: Date;
  directory: string;
  /** The account's DN when it was scheduled. */
  dn: string;
  /** remove-groups: the group DNs to remove. */
  groups: string[];
  status: 'scheduled' | 'done' | 'cancelled' | 'failed';
  lastError: string | null;
  doneAt: Date | null;
}

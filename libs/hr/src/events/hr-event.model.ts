/**
 * HR events: what the HR system tells Vigie of a person (hire, update, move, leave, cancel), received by the signed
 * webhook, SCIM or a vendor adapter, stored before the answer (202) and applied by the worker on its effective date.
 */

export const HR_EVENT_TYPES = ['hire', 'update', 'move', 'leave', 'cancel'] as const;
/**
 * hire: a joiner (account, password, birthright groups). update: names, mail, title, manager, site changed (a title
 * change is a mover). move: department (and often title or manager) changed. leave: the person goes on their end date
 * (or at once). cancel: undoes an event not applied yet, or what an applied leave scheduled.
 */
export type HrEventType = (typeof HR_EVENT_TYPES)[number];

/** Where an event came from; the sender's eventId is unique per source. */
export const HR_EVENT_SOURCES = ['webhook', 'scim', 'bamboohr'] as const;
export type HrEventSource = (typeof HR_EVENT_SOURCES)[number];

/**
 * The person as the event gives them. Dates are calendar days (YYYY-MM-DD). Every field but employeeId may be null: an
 * update carries what it carries, and the worker merges it over what Vigie knows of the person (HrPerson).
 */
export interface HrPersonData {
  employeeId: string;
  firstName: string | null;
  lastName: string | null;
  mail: string | null;
  department: string | null;
  title: string | null;
  /** The manager's employee id (not a login, not a DN): the worker finds their account. */
  managerEmployeeId: string | null;
  site: string | null;
  /** employee, contractor, intern...: what access rules test as employeeType. */
  employeeType: string | null;
  startDate: string | null;
  /** Last working day (included). */
  endDate: string | null;
}

/**
 * pending: stored, waiting for its effective time or for a worker. retrying: a try failed on something that may get
 * better (the directory down, the manager not created yet) and it will be tried again. done: applied (its actions say
 * what changed). dead: its tries ran out, or it cannot be applied as it is: in the dead-letter list with its reason, an
 * administrator may replay it. cancelled: a cancel event arrived before it was applied.
 */
export const HR_EVENT_STATUSES = ['pending', 'retrying', 'done', 'dead', 'cancelled'] as const;
export type HrEventStatus = (typeof HR_EVENT_STATUSES)[number];

/** What the worker did for an event in the directory, in order: the event's history as `vigie hr events` shows it. */
export interface HrAction {
  at: Date;
  kind:
    | 'account-created'
    | 'account-updated'
    | 'password-set'
    | 'password-delivered'
    | 'manager-set'
    | 'group-added'
    | 'group-removed'
    | 'account-disabled'
    | 'account-enabled'
    | 'account-moved'
    | 'account-deleted'
    | 'follow-up-scheduled'
    | 'follow-up-cancelled'
    | 'flagged-for-review'
    | 'skipped';
  directory: string | null;
  /** The account's DN, or the group's for group-added / group-removed. */
  dn: string | null;
  /** What the directory answered ('added', 'already', 'removed', 'absent'...), or why it was skipped. */
  outcome: string | null;
}

export interface HrEventError {
  message: string;
  /** The VigieError kind ('unavailable', 'not-found', 'invalid-input'...), null for an unexpected error. */
  kind: string | null;
}

export interface HrEvent {
  /** Vigie's id (UUID). */
  id: string;
  source: HrEventSource;
  /** The sender's id of the event: the same (source, eventId) twice has one effect. */
  eventId: string;
  type: HrEventType;
  /** When it applies: the effective date at 00:00 in the scheduler's timezone, or the time given; now when immediate. */
  effectiveAt: Date;
  /** A leave to apply at once (an immediate termination), whatever its end date. */
  immediate: boolean;
  person: HrPersonData;
  /** For a cancel: the eventId (same source) of the event it cancels. */
  cancels: string | null;
  /**
   * A notification that carries little more than the employee id (some HR systems send only that): the worker fetches
   * the person's data from the source's HR API (HrDetailsSource) before applying it, and keeps what it fetched here.
   */
  fetchDetails: boolean;
  status: HrEventStatus;
  /** Tries made so far. */
  attempts: number;
  lastError: HrEventError | null;
  actions: HrAction[];
  receivedAt: Date;
  /** When it was last applied (done) or given up (dead). */
  processedAt: Date | null;
  /** Optimistic concurrency: +1 on each update. */
  version: number;
}

/** What a receiver (the webhook, SCIM, a vendor adapter) hands to the receive-hr-event use case. */
export interface NewHrEvent {
  source: HrEventSource;
  eventId: string;
  type: HrEventType;
  /** YYYY-MM-DD, or an ISO 8601 date-time with its offset. */
  effectiveDate: string;
  immediate?: boolean;
  person: HrPersonData;
  cancels?: string | null;
  /** See HrEvent.fetchDetails (default false). */
  fetchDetails?: boolean;
  /** SCIM's userName, kept on the person when they are first seen (SCIM filters by it). */
  userName?: string | null;
}

/** A new event as stored on receipt: pending, never tried, nothing done yet. */
export function pendingHrEvent(
  fields: Pick<HrEvent, 'id' | 'source' | 'eventId' | 'type' | 'effectiveAt' | 'immediate' | 'person' | 'cancels' | 'fetchDetails'>,
  receivedAt: Date,
): HrEvent {
  return { ...fields, status: 'pending', attempts: 0, lastError: null, actions: [], receivedAt, processedAt: null, version: 1 };
}

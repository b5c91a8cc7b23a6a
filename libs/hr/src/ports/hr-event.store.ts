import type { HrEvent, HrEventSource, HrEventStatus } from '../events/hr-event.model.js';
import type { HrFollowUp, HrPerson } from '../events/hr-person.model.js';

export interface HrEventQuery {
  status?: HrEventStatus[];
  employeeId?: string;
  /** Newest received first; 1 to 500. */
  limit: number;
  /** The nextCursor of the previous page. */
  cursor?: string;
}

export interface HrEventPage {
  items: HrEvent[];
  nextCursor: string | null;
}

/** SCIM's question (RFC 7644 3.4.2): people by externalId (employeeId) or userName, paged from 1. */
export interface HrPersonQuery {
  employeeId?: string;
  userName?: string;
  /** 1-based, as SCIM counts. */
  startIndex: number;
  /** 0 to 500. */
  count: number;
}

/**
 * Where HR events, the people they describe and their follow-ups are kept. Bound to a unit of work's transaction
 * (TransactionStores.hr) for every change, so that the event, its trail entries and its jobs land together.
 */
export abstract class HrEventStore {
  /**
   * Stores a new event; when (source, eventId) is already there, nothing is written and the stored one is answered
   * with duplicate true (the same event twice has one effect, even sent twice at once).
   */
  abstract insert(event: HrEvent): Promise<{ event: HrEvent; duplicate: boolean }>;

  abstract get(id: string): Promise<HrEvent | null>;

  /** The event with its row locked (SELECT … FOR UPDATE) until the transaction ends. */
  abstract getForUpdate(id: string): Promise<HrEvent | null>;

  abstract findBySourceId(source: HrEventSource, eventId: string): Promise<HrEvent | null>;

  /** Writes the event with version + 1 where its stored version is still event.version; a 'conflict' VigieError otherwise. */
  abstract update(event: HrEvent): Promise<HrEvent>;

  abstract list(query: HrEventQuery): Promise<HrEventPage>;

  /** Pending events whose effectiveAt is at or before now, oldest effective first: for the sweep that enqueues them. */
  abstract due(now: Date, limit: number): Promise<HrEvent[]>;

  /** Events of one person not applied yet (pending or retrying), oldest effective first: what a cancel or a later event looks at. */
  abstract openFor(employeeId: string): Promise<HrEvent[]>;

  abstract getPerson(employeeId: string): Promise<HrPerson | null>;

  /** The person with its row locked until the transaction ends: two events of one person are applied one after the other. */
  abstract getPersonForUpdate(employeeId: string): Promise<HrPerson | null>;

  abstract getPersonByScimId(scimId: string): Promise<HrPerson | null>;

  /** Inserts or replaces the person (by employeeId), version + 1 on replace where the stored version is person.version. */
  abstract savePerson(person: HrPerson): Promise<HrPerson>;

  abstract findPersons(query: HrPersonQuery): Promise<{ items: HrPerson[]; total: number }>;

  /** Every person, a page at a time in employee id order (the audit's roster): those after `afterEmployeeId` (null: from the first). */
  abstract personsAfter(afterEmployeeId: string | null, limit: number): Promise<HrPerson[]>;

  abstract insertFollowUp(followUp: HrFollowUp): Promise<void>;

  abstract getFollowUpForUpdate(id: string): Promise<HrFollowUp | null>;

  abstract updateFollowUp(followUp: HrFollowUp): Promise<void>;

  /** Scheduled follow-ups whose dueAt has passed, oldest first: for the sweep. */
  abstract dueFollowUps(now: Date, limit: number): Promise<HrFollowUp[]>;

  /** Scheduled follow-ups of a person (all kinds when kind is absent). */
  abstract followUpsOf(employeeId: string, kind?: HrFollowUp['kind']): Promise<HrFollowUp[]>;
}

import type { HrAction, HrEvent, HrEventError, HrEventSource, HrEventStatus, HrEventType, HrPersonData } from '#vigie/hr';

/** An HR event as the API answers it and `vigie hr events --json` prints it: instants as ISO 8601 text. */
export interface HrEventView {
  id: string;
  source: HrEventSource;
  eventId: string;
  type: HrEventType;
  status: HrEventStatus;
  effectiveAt: string;
  immediate: boolean;
  cancels: string | null;
  fetchDetails: boolean;
  person: HrPersonData;
  attempts: number;
  /** Why the last try failed: the dead-letter list's reason. */
  lastError: HrEventError | null;
  actions: Array<Omit<HrAction, 'at'> & { at: string }>;
  receivedAt: string;
  processedAt: string | null;
  version: number;
}

export interface HrEventsPageView {
  items: HrEventView[];
  nextCursor: string | null;
}

export function hrEventView(e: HrEvent): HrEventView {
  return {
    id: e.id,
    source: e.source,
    eventId: e.eventId,
    type: e.type,
    status: e.status,
    effectiveAt: e.effectiveAt.toISOString(),
    immediate: e.immediate,
    cancels: e.cancels,
    fetchDetails: e.fetchDetails,
    person: { ...e.person },
    attempts: e.attempts,
    lastError: e.lastError ? { message: e.lastError.message, kind: e.lastError.kind } : null,
    actions: e.actions.map((a) => ({ kind: a.kind, at: a.at.toISOString(), directory: a.directory, dn: a.dn, outcome: a.outcome })),
    receivedAt: e.receivedAt.toISOString(),
    processedAt: e.processedAt ? e.processedAt.toISOString() : null,
    version: e.version,
  };
}

export function hrEventsPageView(page: { items: HrEvent[]; nextCursor: string | null }): HrEventsPageView {
  return { items: page.items.map(hrEventView), nextCursor: page.nextCursor };
}

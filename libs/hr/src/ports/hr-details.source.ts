import type { HrEventSource, HrPersonData } from '../events/hr-event.model.js';

/**
 * The HR system's API, for notifications that carry only an employee id (HrEvent.fetchDetails): the person's current
 * data as the HR system holds it. A VigieError 'unavailable' when the HR API cannot be reached (the event is tried
 * again), 'not-found' when it does not know the employee, 'configuration' when Vigie has no credentials for it.
 */
export abstract class HrDetailsSource {
  abstract fetch(source: HrEventSource, employeeId: string): Promise<HrPersonData>;
}

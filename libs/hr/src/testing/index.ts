import type { HrRecord } from '../hr-record.model.js';

/** An HR roster row with every field empty but those given: what a test of a rule reading HR needs. */
export function anHrRecord(over: Partial<HrRecord> = {}): HrRecord {
  return {
    employeeId: null,
    login: null,
    mail: null,
    firstName: null,
    lastName: null,
    department: null,
    title: null,
    employeeType: null,
    hireDate: null,
    endDate: null,
    moveDate: null,
    previousDepartment: null,
    previousTitle: null,
    ...over,
  };
}
export { InMemoryHrEventStore } from './in-memory-hr-event.store.js';
export { anHrEvent, anHrPerson, anHrPersonData } from './hr-event.factory.js';
export { bambooHrHeaders } from './bamboohr-signing.js';

import { randomUUID } from 'node:crypto';
import { type HrEvent, type HrPersonData, pendingHrEvent } from '../events/hr-event.model.js';
import type { HrPerson } from '../events/hr-person.model.js';

/** A person as a hire event gives them: Élodie de La Fontaine of Finance, unless told otherwise. */
export function anHrPersonData(over: Partial<HrPersonData> = {}): HrPersonData {
  return {
    employeeId: 'E5001',
    firstName: 'Élodie',
    lastName: 'de La Fontaine',
    mail: 'elodie.delafontaine@acme.test',
    department: 'Finance',
    title: 'Comptable',
    managerEmployeeId: null,
    site: 'Lyon',
    employeeType: 'employee',
    startDate: '2027-01-04',
    endDate: null,
    ...over,
  };
}

/** A pending hire received now and due now, unless told otherwise. */
export function anHrEvent(over: Partial<HrEvent> = {}): HrEvent {
  const now = new Date();
  const fields = { id: randomUUID(), source: 'webhook', eventId: `evt-${randomUUID()}`, type: 'hire', effectiveAt: now, immediate: false } as const;
  return { ...pendingHrEvent({ ...fields, person: anHrPersonData(), cancels: null, fetchDetails: false }, now), ...over };
}

/** What Vigie knows of a person with an account, unless told otherwise. */
export function anHrPerson(over: Partial<HrPerson> = {}): HrPerson {
  const now = new Date();
  return {
    employeeId: 'E5001',
    scimId: randomUUID(),
    userName: null,
    data: anHrPersonData(),
    active: true,
    account: null,
    leaverGroups: [],
    moved: null,
    leftAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...over,
  };
}

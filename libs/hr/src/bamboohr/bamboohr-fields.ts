import type { HrPersonData } from '../events/hr-event.model.js';

/**
 * The BambooHR employee fields Vigie reads, by their API names (https://documentation.bamboohr.com/docs/list-of-field-names).
 * A field-based webhook posts fields under BambooHR's English names by default ("First Name"), or under an alias the
 * administrator chose (the API name is the one to choose): both are read.
 */
export const BAMBOOHR_FIELDS = [
  'firstName',
  'lastName',
  'workEmail',
  'department',
  'division',
  'jobTitle',
  /** The BambooHR id of the supervisor (supervisorId is their employeeNumber, "Reporting to" their name). */
  'supervisorEId',
  'location',
  /** The current employment status, customised per account ("Full-Time", "Contractor"... "Terminated"). */
  'employmentHistoryStatus',
  /** Active or Inactive: whether the person still works there. */
  'status',
  'hireDate',
  'terminationDate',
] as const;
export type BambooHrField = (typeof BAMBOOHR_FIELDS)[number];

/** BambooHR's English field names (the default in a field-based payload) → API name, compared in lower case. */
const ENGLISH_NAMES: Readonly<Record<string, BambooHrField>> = {
  'first name': 'firstName',
  'last name': 'lastName',
  'work email': 'workEmail',
  department: 'department',
  division: 'division',
  'job title': 'jobTitle',
  'supervisor eid': 'supervisorEId',
  location: 'location',
  'employment status': 'employmentHistoryStatus',
  employmentstatus: 'employmentHistoryStatus',
  status: 'status',
  'hire date': 'hireDate',
  'termination date': 'terminationDate',
};
const API_NAMES = new Map(BAMBOOHR_FIELDS.map((f) => [f.toLowerCase(), f]));

/** The API name of a field as a payload names it, or null for one Vigie does not read (pay rate, address...). */
export function bambooHrFieldOf(name: string): BambooHrField | null {
  const key = name.trim().toLowerCase();
  return API_NAMES.get(key) ?? ENGLISH_NAMES[key] ?? null;
}

/**
 * The fields a payload or the API carries, by API name: string values trimmed, empty ones and BambooHR's empty date
 * ("0000-00-00") null. A value may come as {"value": "..."} (webhooks created through the API post it so). A field Vigie
 * reads whose value is no text (an object, a list, true) is given to `onBadValue` with its name, and left out.
 */
export function bambooHrValuesOf(fields: Record<string, unknown>, onBadValue: (name: string) => void = () => {}): Map<BambooHrField, string | null> {
  const values = new Map<BambooHrField, string | null>();
  for (const [name, raw] of Object.entries(fields)) {
    const field = bambooHrFieldOf(name);
    if (!field) continue;
    const value = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw ? (raw as { value: unknown }).value : raw;
    if (value !== null && typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
      onBadValue(name);
      continue;
    }
    const text = value === null ? null : String(value).trim();
    values.set(field, text && text !== '0000-00-00' ? text : null);
  }
  return values;
}

/** Whether the values say the person has left: status Inactive, or the employment status "Terminated". */
export function isTerminated(values: ReadonlyMap<BambooHrField, string | null>): boolean {
  return values.get('status')?.toLowerCase() === 'inactive' || values.get('employmentHistoryStatus')?.toLowerCase() === 'terminated';
}

/**
 * What Vigie keeps of the person, from the fields given (a field absent stays null: the worker merges over what it
 * knows). The employment status gives employeeType: contractor and intern by their names, any other status an employee.
 */
export function hrPersonOfBambooHr(employeeId: string, values: ReadonlyMap<BambooHrField, string | null>): HrPersonData {
  const at = (f: BambooHrField) => values.get(f) ?? null;
  return {
    employeeId,
    firstName: at('firstName'),
    lastName: at('lastName'),
    mail: at('workEmail'),
    department: at('department'),
    title: at('jobTitle'),
    managerEmployeeId: at('supervisorEId'),
    site: at('location'),
    employeeType: employeeTypeOf(at('employmentHistoryStatus')),
    startDate: dateOf(at('hireDate')),
    endDate: dateOf(at('terminationDate')),
  };
}

function employeeTypeOf(status: string | null): string | null {
  if (!status || status.toLowerCase() === 'terminated') return null;
  const s = status.toLowerCase();
  return s.includes('contract') ? 'contractor' : s.includes('intern') ? 'intern' : 'employee';
}

/** A calendar day as YYYY-MM-DD (BambooHR's API and webhooks write dates so); anything else is not a date. */
export function dateOf(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

import { VigieError } from '#vigie/common';
import type { HrEventType, NewHrEvent } from '../events/hr-event.model.js';
import { type BambooHrField, bambooHrFieldOf, bambooHrValuesOf, dateOf, hrPersonOfBambooHr, isTerminated } from './bamboohr-fields.js';

/**
 * The HR events a BambooHR webhook body stands for, one per employee entry (source 'bamboohr'). Two formats, as
 * BambooHR documents them:
 * - field-based (https://documentation.bamboohr.com/docs/field-based-webhooks, the global webhooks):
 *   `{"employees": [{"id", "action": Created|Updated|Deleted, "timestamp", "changedFields": [...], "fields": {...}}]}`;
 * - event-based (https://documentation.bamboohr.com/docs/event-based-webhooks): `{"type": "employee.created|updated|
 *   deleted", "timestamp", "data": {"companyId", "employeeId", "changedFields": [...]}}`, a notification with no data.
 * An entry that does not carry what its event needs is a notification: fetchDetails, and the worker asks BambooHR's API
 * (HrDetailsSource). A VigieError 'invalid-input' naming the field at fault for a body of neither shape.
 */
export function hrEventsOfBambooHr(body: unknown): NewHrEvent[] {
  if (!isObject(body)) throw invalid('the body', 'expected a JSON object: {"employees": [...]} or {"type": "employee.…", "data": {...}}');
  if ('employees' in body) {
    if (!Array.isArray(body.employees) || body.employees.length === 0) throw invalid('employees', 'expected a non-empty array of employee entries');
    if (body.employees.length > MAX_ENTRIES) throw invalid('employees', `expected at most ${MAX_ENTRIES} entries in one delivery`);
    return body.employees.map((entry, i) => fieldBasedEvent(entry, `employees[${i}]`));
  }
  if ('type' in body) return [eventBasedEvent(body)];
  throw invalid('the body', 'expected "employees" (a field-based webhook) or "type" (an event-based webhook)');
}

/** BambooHR batches a few changes per delivery; far more is not a delivery of BambooHR's. */
const MAX_ENTRIES = 500;

const ACTIONS = { Created: 'created', Updated: 'updated', Deleted: 'deleted' } as const;
type Action = (typeof ACTIONS)[keyof typeof ACTIONS];

function fieldBasedEvent(entry: unknown, at: string): NewHrEvent {
  if (!isObject(entry)) throw invalid(at, 'expected an object with id, action and timestamp');
  const employeeId = idOf(entry.id, `${at}.id`);
  const action = typeof entry.action === 'string' ? ACTIONS[entry.action as keyof typeof ACTIONS] : undefined;
  if (!action) throw invalid(`${at}.action`, 'expected "Created", "Updated" or "Deleted"');
  const timestamp = timestampOf(entry.timestamp, `${at}.timestamp`);
  const changed = changedFieldsOf(entry.changedFields, `${at}.changedFields`);
  if (entry.fields !== undefined && entry.fields !== null && !isObject(entry.fields)) throw invalid(`${at}.fields`, 'expected an object of field values');
  const values = bambooHrValuesOf(isObject(entry.fields) ? entry.fields : {}, (name) => {
    throw invalid(`${at}.fields.${name}`, 'expected a text (or {"value": text})');
  });
  for (const f of ['hireDate', 'terminationDate'] as const) {
    const v = values.get(f);
    if (v && !dateOf(v)) throw invalid(`${at}.fields.${f}`, `expected a date YYYY-MM-DD, got "${v.slice(0, 40)}"`);
  }
  return eventOf(employeeId, action, timestamp, changed, values);
}

const EVENT_TYPES = { 'employee.created': 'created', 'employee.updated': 'updated', 'employee.deleted': 'deleted' } as const;

function eventBasedEvent(body: Record<string, unknown>): NewHrEvent {
  const action = typeof body.type === 'string' ? EVENT_TYPES[body.type as keyof typeof EVENT_TYPES] : undefined;
  if (!action) throw invalid('type', 'expected "employee.created", "employee.updated" or "employee.deleted"');
  const timestamp = timestampOf(body.timestamp, 'timestamp');
  if (!isObject(body.data)) throw invalid('data', 'expected an object with employeeId');
  const employeeId = idOf(body.data.employeeId, 'data.employeeId');
  return eventOf(employeeId, action, timestamp, changedFieldsOf(body.data.changedFields, 'data.changedFields'), new Map());
}

/**
 * Created → hire (on the hire date when given); Deleted → leave at once; Updated → leave when the person is terminated
 * (status Inactive, employment status Terminated: on the termination date when given, else at once), move when the
 * department or division changed, update otherwise. The eventId is the employee, the action and BambooHR's timestamp:
 * a delivery BambooHR sends again is the same event, and changes an instant apart are two.
 */
function eventOf(
  employeeId: string,
  action: Action,
  timestamp: string,
  changed: ReadonlySet<BambooHrField | 'other'>,
  values: ReadonlyMap<BambooHrField, string | null>,
): NewHrEvent {
  const person = hrPersonOfBambooHr(employeeId, values);
  const eventId = `${employeeId}:${action}:${timestamp}`;
  if (action === 'deleted') {
    return { source: 'bamboohr', eventId, type: 'leave', effectiveDate: timestamp, immediate: true, person: hrPersonOfBambooHr(employeeId, new Map()) };
  }
  let type: HrEventType;
  let effectiveDate = timestamp;
  let immediate = false;
  if (action === 'created') {
    type = 'hire';
    effectiveDate = person.startDate ?? timestamp;
  } else if (isTerminated(values) || (changed.has('terminationDate') && person.endDate)) {
    type = 'leave';
    effectiveDate = person.endDate ?? timestamp;
    immediate = person.endDate === null;
  } else {
    type = changed.has('department') || changed.has('division') ? 'move' : 'update';
  }
  // A notification: a hire without its names, or a change whose new value the entry does not carry.
  const missing =
    values.size === 0 ||
    (type === 'hire' && (!person.firstName || !person.lastName)) ||
    [...changed].some((f) => f !== 'other' && f !== 'division' && !values.has(f));
  return { source: 'bamboohr', eventId, type, effectiveDate, immediate, person, fetchDetails: missing };
}

function idOf(value: unknown, at: string): string {
  const id = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof id !== 'string' || !/^\d{1,20}$/.test(id)) throw invalid(at, 'expected the BambooHR employee id (digits)');
  return id;
}

/**
 * BambooHR writes "2026-01-31T18:42:00+0000" (an offset without its colon): made ISO 8601 with its offset, so that the
 * same instant always gives the same eventId and the intake reads it as a date-time.
 */
function timestampOf(value: unknown, at: string): string {
  const text = typeof value === 'string' ? value.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : '';
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) throw invalid(at, 'expected an ISO 8601 date-time with its offset, e.g. "2026-01-31T18:42:00+0000"');
  return new Date(ms).toISOString();
}

/** The fields a change names, by API name ('other' for those Vigie does not read: a pay rate). */
function changedFieldsOf(value: unknown, at: string): Set<BambooHrField | 'other'> {
  if (value === undefined || value === null) return new Set();
  if (!Array.isArray(value) || value.some((f) => typeof f !== 'string')) throw invalid(at, 'expected an array of field names');
  return new Set((value as string[]).map((f) => bambooHrFieldOf(f) ?? (MANAGER_NAMES.has(f.trim().toLowerCase()) ? 'supervisorEId' : 'other')));
}

/** A change of manager as BambooHR names it: its value is the manager's name, the id is supervisorEId. */
const MANAGER_NAMES = new Set(['reporting to', 'supervisor', 'supervisorid']);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(field: string, what: string): VigieError {
  return new VigieError('invalid-input', `${field}: ${what}`);
}

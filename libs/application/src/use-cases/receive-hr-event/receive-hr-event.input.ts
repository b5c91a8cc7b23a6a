import * as z from 'zod';
import { HR_EVENT_SOURCES, HR_EVENT_TYPES } from '#vigie/hr';
import { isCalendarDay } from '../shared/input-schemas.js';

/**
 * Control characters (NUL, line breaks, tabs, escapes), line separators and bidirectional overrides: no name, title or
 * identifier holds one, and each can forge a log line, an LDIF record or how a name reads on screen.
 */
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** A text of 1 to `max` characters (trimmed), with no control character; "required" when missing. */
function text(max: number) {
  return z
    .string({ error: (i) => (i.input === undefined ? 'required' : `expected a text, not ${kindOf(i.input)}`) })
    .max(max, `expected at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'contains a control character (a line break, a tab, NUL, a bidirectional override...): remove it')
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, 'expected a non-empty text');
}

/** A field of the person the event may leave out (null). */
const optionalText = (max: number) =>
  text(max)
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const DAY = /^(\d{4})-\d{2}-\d{2}$/;
/** An ISO 8601 date and time with its offset: 2027-01-04T08:00:00+01:00, 2027-01-04T07:00:00Z. */
const DATE_TIME = /^(\d{4})-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/i;
const inRange = (text: string) => {
  const year = Number(/^(\d{4})/.exec(text)?.[1]);
  return year >= 1900 && year <= 2999;
};

/** A day of the calendar, YYYY-MM-DD (2027-02-30 is refused, not read as 2 March). */
const calendarDay = text(10).refine(
  (v) => DAY.test(v) && isCalendarDay(v) && inRange(v),
  'expected a date of the calendar, YYYY-MM-DD (e.g. 2027-01-04), between 1900 and 2999',
);
const optionalDay = calendarDay
  .nullable()
  .optional()
  .transform((v) => v ?? null);

/** A day (YYYY-MM-DD), or a date and time with its offset. */
const effectiveDate = text(40).refine(
  (v) => (DAY.test(v) || DATE_TIME.test(v)) && isCalendarDay(v) && inRange(v) && !Number.isNaN(new Date(v).getTime()),
  'expected a date of the calendar, YYYY-MM-DD (e.g. 2027-01-04), or an ISO 8601 date and time with its offset (e.g. 2027-01-04T08:00:00+01:00)',
);

const MAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The person as the event gives them: only employeeId is always required. */
const person = z.strictObject(
  {
    employeeId: text(64),
    firstName: optionalText(100),
    lastName: optionalText(100),
    mail: text(254)
      .refine((v) => MAIL.test(v), 'expected a mail address such as elodie.delafontaine@acme.fr')
      .nullable()
      .optional()
      .transform((v) => v ?? null),
    department: optionalText(128),
    title: optionalText(128),
    managerEmployeeId: optionalText(64),
    site: optionalText(128),
    employeeType: optionalText(64),
    startDate: optionalDay,
    endDate: optionalDay,
  },
  { error: (i) => (i.input === undefined ? 'required' : `expected an object {employeeId, firstName, lastName, ...}, not ${kindOf(i.input)}`) },
);

const bool = z.boolean({ error: (i) => `expected true or false, not ${kindOf(i.input)}` });

/** What every receiver's event holds (the generic webhook's JSON body is exactly this). */
const eventFields = {
  eventId: text(200),
  type: z.enum(HR_EVENT_TYPES, { error: (i) => (i.input === undefined ? 'required' : `expected one of ${HR_EVENT_TYPES.join(', ')}`) }),
  effectiveDate,
  immediate: bool.optional().transform((v) => v ?? false),
  cancels: text(200)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  person,
};

interface Checked {
  type: (typeof HR_EVENT_TYPES)[number];
  immediate: boolean;
  cancels: string | null;
  fetchDetails?: boolean;
  person: { firstName: string | null; lastName: string | null; department: string | null };
}

/** What depends on the type: a cancel names the event it cancels; a hire names the person and their department. */
function byType(v: Checked, ctx: z.RefinementCtx): void {
  if (v.type === 'cancel' && !v.cancels)
    ctx.addIssue({ code: 'custom', path: ['cancels'], message: 'required for a cancel: the eventId of the event it cancels' });
  if (v.type !== 'cancel' && v.cancels) ctx.addIssue({ code: 'custom', path: ['cancels'], message: 'only a cancel names an event it cancels' });
  if (v.immediate && v.type !== 'leave') ctx.addIssue({ code: 'custom', path: ['immediate'], message: 'only a leave is applied at once' });
  // A notification that carries only the employee id gets the rest from the HR system's API (fetchDetails).
  if (v.fetchDetails) return;
  const needed: Array<keyof Checked['person']> = v.type === 'hire' ? ['firstName', 'lastName', 'department'] : v.type === 'move' ? ['department'] : [];
  for (const field of needed) {
    if (v.person[field] === null) ctx.addIssue({ code: 'custom', path: ['person', field], message: `required for a ${v.type}` });
  }
}

const EXPECTED = 'expected a JSON object {eventId, type, effectiveDate, person, ...}';
const objectError = (i: { input: unknown }) => `${EXPECTED}, not ${kindOf(i.input)}`;

/** The input of receive-hr-event: what the webhook, SCIM and vendor adapters hand over (NewHrEvent). */
export const receiveHrEventInput = z
  .strictObject(
    {
      source: z.enum(HR_EVENT_SOURCES, { error: `expected one of ${HR_EVENT_SOURCES.join(', ')}` }),
      ...eventFields,
      fetchDetails: bool.optional().transform((v) => v ?? false),
      userName: text(256)
        .nullable()
        .optional()
        .transform((v) => v ?? null),
    },
    { error: objectError },
  )
  .superRefine(byType);

/** The generic webhook's JSON body (docs/hr-events.md): the event without its source, which the route sets. */
export const hrWebhookEventBody = z.strictObject(eventFields, { error: objectError }).superRefine(byType);

export type ReceiveHrEventInput = z.output<typeof receiveHrEventInput>;

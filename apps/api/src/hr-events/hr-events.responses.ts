import * as z from 'zod';
import { type HrEventView, type HrEventsPageView, type HrWebhookAnswer, hrEventView, hrEventsPageView } from '#vigie/application';
import { HR_EVENT_SOURCES, HR_EVENT_STATUSES, HR_EVENT_TYPES, type HrEvent } from '#vigie/hr';
import { InstantSchema } from '../openapi/instant.schema.js';

const ACTION_KINDS = [
  'account-created',
  'account-updated',
  'password-set',
  'password-delivered',
  'manager-set',
  'group-added',
  'group-removed',
  'account-disabled',
  'account-enabled',
  'account-moved',
  'account-deleted',
  'follow-up-scheduled',
  'follow-up-cancelled',
  'flagged-for-review',
  'skipped',
] as const;

const day = z.string().nullable().describe('YYYY-MM-DD');

const HrPersonDataSchema = z
  .strictObject({
    employeeId: z.string(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    mail: z.string().nullable(),
    department: z.string().nullable(),
    title: z.string().nullable(),
    managerEmployeeId: z.string().nullable().describe("the manager's employee id"),
    site: z.string().nullable(),
    employeeType: z.string().nullable(),
    startDate: day,
    endDate: day.describe('YYYY-MM-DD: the last working day'),
  })
  .meta({ id: 'HrPersonData' });

export const HrEventSchema = z
  .strictObject({
    id: z.string().describe("Vigie's id of the event (a UUID): what replay takes"),
    source: z.enum(HR_EVENT_SOURCES),
    eventId: z.string().describe("the sender's id of the event"),
    type: z.enum(HR_EVENT_TYPES),
    status: z.enum(HR_EVENT_STATUSES).describe('dead: in the dead-letter list, its tries ran out (lastError says why); replay it once fixed'),
    effectiveAt: InstantSchema,
    immediate: z.boolean(),
    cancels: z.string().nullable().describe('for a cancel, the eventId it cancels'),
    fetchDetails: z.boolean(),
    person: HrPersonDataSchema,
    attempts: z.int().min(0),
    lastError: z.strictObject({ message: z.string(), kind: z.string().nullable() }).nullable(),
    actions: z.array(
      z.strictObject({
        kind: z.enum(ACTION_KINDS),
        at: InstantSchema,
        directory: z.string().nullable(),
        dn: z.string().nullable(),
        outcome: z.string().nullable(),
      }),
    ),
    receivedAt: InstantSchema,
    processedAt: InstantSchema.nullable(),
    version: z.int().min(1),
  })
  .meta({ id: 'HrEvent' });

export const HrEventsPageSchema = z
  .strictObject({ items: z.array(HrEventSchema), nextCursor: z.string().nullable().describe('pass it as cursor for the next page; null on the last') })
  .meta({ id: 'HrEventsPage' });

export const HrEventAcceptedSchema = z
  .strictObject({
    id: z.string().describe("Vigie's id of the event (the stored one for a duplicate)"),
    status: z.enum(HR_EVENT_STATUSES),
    duplicate: z.boolean().describe('the same eventId was received before: nothing new was stored'),
  })
  .meta({ id: 'HrEventAccepted' });

export type HrEventResponse = z.infer<typeof HrEventSchema>;
export type HrEventsPageResponse = z.infer<typeof HrEventsPageSchema>;
export type HrEventAcceptedResponse = z.infer<typeof HrEventAcceptedSchema>;

// The documented schemas and the views the application layer builds are the same shapes, checked both ways here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _sameShapes: [Same<HrEventResponse, HrEventView>, Same<HrEventsPageResponse, HrEventsPageView>] = [true, true];

export const toHrEventResponse = (e: HrEvent): HrEventResponse => hrEventView(e);
export const toHrEventsPageResponse = (page: { items: HrEvent[]; nextCursor: string | null }): HrEventsPageResponse => hrEventsPageView(page);
export const toHrEventAccepted = (a: HrWebhookAnswer): HrEventAcceptedResponse => ({ id: a.id, status: a.status, duplicate: a.duplicate });

import * as z from 'zod';
import { HR_EVENT_STATUSES } from '#vigie/hr';

/** What POST /api/hr/bamboohr answers: the HR event each employee entry was stored as, in the delivery's order. */
export const BambooHrReceivedSchema = z
  .strictObject({
    events: z.array(
      z.strictObject({
        eventId: z.string().describe('`<employee id>:<action>:<timestamp>`: the same for a delivery sent again'),
        id: z.uuid().describe("Vigie's id of the HR event (GET /api/hr/events)"),
        status: z.enum(HR_EVENT_STATUSES).describe('pending until the worker applies it'),
        duplicate: z.boolean().describe('true when this entry had been received before: nothing was stored again'),
      }),
    ),
  })
  .meta({ id: 'BambooHrReceived' });

export type BambooHrReceivedResponse = z.infer<typeof BambooHrReceivedSchema>;

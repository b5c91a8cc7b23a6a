import * as z from 'zod';

/** What POST /api/hr/bamboohr answers: the HR event each employee entry was stored as. */
export const BambooHrReceivedSchema = z
  .strictObject({
    events: z.array(
      z.strictObject({
        eventId: z.string().describe('employee id, action and BambooHR timestamp: the same for a delivery sent again'),
        id: z.uuid().describe("Vigie's id of the HR event (GET /api/hr/events)"),
        duplicate: z.boolean().describe('true when this entry had already been received: nothing was stored again'),
      }),
    ),
  })
  .meta({ id: 'BambooHrReceived' });

export type BambooHrReceivedResponse = z.infer<typeof BambooHrReceivedSchema>;

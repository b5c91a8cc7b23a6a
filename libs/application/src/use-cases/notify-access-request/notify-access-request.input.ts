import * as z from 'zod';
import { REQUEST_NOTICE_KINDS } from '#vigie/requests';
import { oneOf } from '../shared/input-schemas.js';

/** The payload of an `access.notify` job: which request, and which notice about it. */
export const notifyAccessRequestInput = z
  .object({
    requestId: z.uuid({ error: 'not a request id (a UUID)' }),
    kind: oneOf(REQUEST_NOTICE_KINDS),
  })
  .strict();

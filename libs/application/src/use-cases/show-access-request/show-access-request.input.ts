import * as z from 'zod';

export const showAccessRequestInput = z.object({ id: z.uuid({ error: 'not a request id (a UUID)' }) }).strict();

import * as z from 'zod';
import { directoryName } from '../shared/input-schemas.js';

export const showIdentityInput = z
  .object({
    /** A login (sAMAccountName or uid), an employee id or a DN, as identity-access takes it. */
    identity: z.string().trim().min(1, 'give a login, an employee id or a DN'),
    /** Needed when the login exists in several directories. */
    directory: directoryName.optional(),
  })
  .strict();

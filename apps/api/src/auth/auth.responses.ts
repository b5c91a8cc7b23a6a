import * as z from 'zod';
import { InstantSchema } from '../openapi/instant.schema.js';

const StaffSchema = z
  .strictObject({
    name: z.string(),
    roles: z.array(z.enum(['admin', 'security-officer', 'approver', 'auditor', 'employee'])),
    method: z.enum(['token', 'directory', 'oidc', 'break-glass']),
  })
  .meta({ id: 'SignedInStaff' });

export const SessionSchema = z
  .strictObject({
    staff: StaffSchema,
    csrfToken: z.string().optional().describe('send it as the X-CSRF-Token header of every POST, PUT, PATCH or DELETE of this session'),
    expiresAt: InstantSchema.optional().describe('the absolute end of the session (it ends sooner when unused)'),
    rules: z
      .array(z.array(z.unknown()))
      .optional()
      .describe(
        "the caller's abilities as CASL rules packed by packRules (@casl/ability/extra): `createMongoAbility(unpackRules(rules))` answers what the API allows; the API enforces them regardless",
      ),
  })
  .meta({ id: 'Session' });

export type SessionResponse = z.infer<typeof SessionSchema>;

export const SignedOutSchema = z.strictObject({ signedOut: z.boolean() }).meta({ id: 'SignedOut' });
export type SignedOutResponse = z.infer<typeof SignedOutSchema>;

import * as z from 'zod';
import { TRAIL_KINDS } from '#vigie/trail';
import { InstantSchema } from '../openapi/instant.schema.js';

const PersonSchema = z.strictObject({
  pseudonym: z.string(),
  login: z.string().nullable().optional(),
  employeeId: z.string().nullable().optional(),
  displayName: z.string().nullable().optional(),
  erased: z.boolean().optional().describe('the person was erased (GDPR art. 17): only the pseudonym remains'),
});

const TrailEntrySchema = z
  .strictObject({
    chain: z.enum(TRAIL_KINDS),
    seq: z.int().min(1),
    at: InstantSchema,
    actor: z.strictObject({
      type: z.string().describe('person, token or system'),
      id: z.string(),
      login: z.string().nullable().optional(),
      displayName: z.string().nullable().optional(),
      erased: z.boolean().optional(),
    }),
    action: z.string(),
    target: z.strictObject({ type: z.string(), id: z.string().nullable() }).nullable(),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
    reason: z.string().optional(),
    labels: z.record(z.string(), z.unknown()).optional(),
    correlationId: z.string().nullable(),
    sourceAddress: z.string().optional(),
    subjects: z.array(PersonSchema).describe('the people the entry is about'),
    personalErased: z.boolean().optional(),
    hash: z.string(),
  })
  .meta({ id: 'TrailEntry' });

export const TrailPageSchema = z
  .strictObject({
    entries: z.array(TrailEntrySchema).describe('newest first'),
    nextCursor: z.string().nullable().describe('pass it as `cursor` for the next (older) page; null at the end'),
  })
  .meta({ id: 'TrailPage' });

export type TrailPageResponse = z.infer<typeof TrailPageSchema>;

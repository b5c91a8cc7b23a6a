import type { UseCaseOutput } from '#vigie/application';
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

const CheckpointSummarySchema = z.strictObject({
  id: z.string(),
  chain: z.enum(TRAIL_KINDS),
  seq: z.int().min(1),
  createdAt: InstantSchema,
  keyId: z.string(),
});
const TrailProblemSchema = z.strictObject({ kind: z.string(), chain: z.enum(TRAIL_KINDS), seq: z.int(), message: z.string() });

export const TrailVerificationStatusSchema = z
  .strictObject({
    checkedAt: InstantSchema.describe('when this check ran'),
    scope: z
      .literal('since-latest-checkpoint')
      .describe('each chain was walked from its latest valid checkpoint (from its start when it has none); every checkpoint signature was checked'),
    ok: z.boolean(),
    latestCheckpoint: CheckpointSummarySchema.nullable().describe('the newest checkpoint of any chain; null when none was made yet'),
    checkpoints: z.array(CheckpointSummarySchema).describe('the latest checkpoint of each chain'),
    chains: z.array(
      z.strictObject({
        chain: z.enum(TRAIL_KINDS),
        from: z.strictObject({ seq: z.int().min(0), label: z.string() }),
        entries: z.int().min(0).describe('entries checked'),
        lastSeq: z.int().min(0),
        problem: TrailProblemSchema.nullable(),
      }),
    ),
    problems: z.array(TrailProblemSchema),
    warnings: z.array(z.string()),
    durationMs: z.number().min(0),
  })
  .meta({ id: 'TrailVerificationStatus' });

export type TrailVerificationStatusResponse = z.infer<typeof TrailVerificationStatusSchema>;

export const toTrailVerificationStatus = (s: UseCaseOutput<'trail-verification-status'>): TrailVerificationStatusResponse => ({
  ...s,
  checkedAt: s.checkedAt.toISOString(),
  chains: s.chains as TrailVerificationStatusResponse['chains'],
});

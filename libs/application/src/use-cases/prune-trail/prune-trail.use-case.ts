import * as z from 'zod';
import type { JobLock } from '#vigie/common';
import { type PruneResult, TRAIL_KINDS, type TrailPruneService } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { exclusively } from '../shared/exclusively.js';
import { oneOf } from '../shared/input-schemas.js';

export const pruneTrailInput = z
  .object({
    /** Only this kind of entries; every kind when absent. */
    kind: oneOf(TRAIL_KINDS).optional(),
  })
  .strict();

export interface PruneTrailOutput {
  /** false when another process was pruning at that moment (nothing was done here). */
  ran: boolean;
  results: PruneResult[];
}

/** Removes the entries past their retention through the one pruning path, leaving a checkpoint the rest verifies from. */
export class PruneTrail implements UseCase<typeof pruneTrailInput, PruneTrailOutput> {
  static readonly definition: UseCaseDefinition<typeof pruneTrailInput> = { name: 'prune-trail', input: pruneTrailInput };
  readonly definition = PruneTrail.definition;

  constructor(
    private readonly pruner: TrailPruneService,
    private readonly lock: JobLock,
  ) {}

  async execute(input: z.output<typeof pruneTrailInput>): Promise<PruneTrailOutput> {
    const run = await exclusively(this.lock, 'trail-prune', () => this.pruner.prune({ chains: input.kind ? [input.kind] : undefined }));
    return run.ran ? { ran: true, results: run.value } : { ran: false, results: [] };
  }
}

import * as z from 'zod';
import type { JobLock } from '#vigie/common';
import type { Checkpoint, TrailCheckpointService } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { exclusively } from '../shared/exclusively.js';
import { oneOf } from '../shared/input-schemas.js';

export const checkpointTrailInput = z
  .object({
    /** manual: an operator's command; interval: the schedule. */
    reason: oneOf(['manual', 'interval']).default('manual'),
  })
  .strict();

export interface CheckpointTrailOutput {
  /** false when another process was signing checkpoints at that moment (nothing was done here). */
  ran: boolean;
  checkpoints: Checkpoint[];
}

/** Signs the head of each chain of the trail into a checkpoint, once at a time across processes. */
export class CheckpointTrail implements UseCase<typeof checkpointTrailInput, CheckpointTrailOutput> {
  static readonly definition: UseCaseDefinition<typeof checkpointTrailInput> = { name: 'checkpoint-trail', input: checkpointTrailInput };
  readonly definition = CheckpointTrail.definition;

  constructor(
    private readonly checkpoints: TrailCheckpointService,
    private readonly lock: JobLock,
  ) {}

  async execute(input: z.output<typeof checkpointTrailInput>): Promise<CheckpointTrailOutput> {
    const run = await exclusively(this.lock, 'trail-checkpoint', () => this.checkpoints.checkpointHeads(input.reason));
    return run.ran ? { ran: true, checkpoints: run.value } : { ran: false, checkpoints: [] };
  }
}

import * as z from 'zod';
import { VigieError } from '#vigie/common';
import type { PublishedCheckpoints, TrailVerifier, TrailVerification } from '#vigie/trail';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';

export const verifyTrailInput = z
  .object({
    /** A checkpoint id (its chain only), or "latest" (each chain from its latest checkpoint); every chain from its start when absent. */
    from: z.string().min(1).max(64).optional(),
    /** A file of published checkpoints (JSON lines, as a webhook's receiver or a log server kept them) to check against instead of trail.publish.file. */
    published: z.string().min(1).max(4096).optional(),
  })
  .strict();

/**
 * Checks the trail: checkpoints against the pinned keys and the outside copy, then every chain; names the first entry
 * altered, removed, reordered or blanked outside erasure.
 */
export class VerifyTrail implements UseCase<typeof verifyTrailInput, TrailVerification> {
  static readonly definition: UseCaseDefinition<typeof verifyTrailInput> = { name: 'verify-trail', input: verifyTrailInput, ability: ['read', 'AuditLog'] };
  readonly definition = VerifyTrail.definition;

  constructor(
    private readonly verifier: TrailVerifier,
    private readonly publishedFile: (path: string) => PublishedCheckpoints = () => {
      throw new Error('no reader of published checkpoints');
    },
  ) {}

  execute(input: z.output<typeof verifyTrailInput>, context?: UseCaseContext): Promise<TrailVerification> {
    // A path on the server: for its operator only, never an API caller.
    if (input.published && context && context.actor.type !== 'system')
      throw new VigieError('forbidden', 'only the command line on the server may name a file of published checkpoints');
    return this.verifier.verify(input.published ? { from: input.from, published: this.publishedFile(input.published) } : { from: input.from });
  }
}

import * as z from 'zod';
import type { TrailVerifier, TrailVerification } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const verifyTrailInput = z
  .object({
    /** A checkpoint id (its chain only), or "latest" (each chain from its latest checkpoint); every chain from its start when absent. */
    from: z.string().min(1).max(64).optional(),
  })
  .strict();

/** Checks the trail: checkpoint signatures, then every chain; names the first entry altered, removed or reordered. */
export class VerifyTrail implements UseCase<typeof verifyTrailInput, TrailVerification> {
  static readonly definition: UseCaseDefinition<typeof verifyTrailInput> = { name: 'verify-trail', input: verifyTrailInput, ability: ['read', 'AuditLog'] };
  readonly definition = VerifyTrail.definition;

  constructor(private readonly verifier: TrailVerifier) {}

  execute(input: z.output<typeof verifyTrailInput>): Promise<TrailVerification> {
    return this.verifier.verify({ from: input.from });
  }
}

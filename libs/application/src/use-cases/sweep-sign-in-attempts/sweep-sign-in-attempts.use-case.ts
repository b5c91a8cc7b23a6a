import * as z from 'zod';
import type { SignInThrottle } from '#vigie/access-control';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const sweepSignInAttemptsInput = z.object({}).strict();

export interface SweepSignInAttemptsOutput {
  /** Windows closed with failures the trail had not been told of: one `auth.failures-summarised` entry each. */
  summarised: number;
  /** Counters dropped: their window is over, reported, and block nothing any more. */
  purged: number;
}

/**
 * The worker's minute: the windows of failed sign-ins that closed since are summarised in the trail (a source that
 * stopped trying has no next attempt to do it), and the counters past use are dropped. Several replicas may run it at
 * once: each window is claimed by one of them.
 */
export class SweepSignInAttempts implements UseCase<typeof sweepSignInAttemptsInput, SweepSignInAttemptsOutput> {
  static readonly definition: UseCaseDefinition<typeof sweepSignInAttemptsInput> = { name: 'sweep-sign-in-attempts', input: sweepSignInAttemptsInput };
  readonly definition = SweepSignInAttempts.definition;

  constructor(private readonly attempts: Pick<SignInThrottle, 'sweep'>) {}

  execute(_input: z.output<typeof sweepSignInAttemptsInput>): Promise<SweepSignInAttemptsOutput> {
    return this.attempts.sweep();
  }
}

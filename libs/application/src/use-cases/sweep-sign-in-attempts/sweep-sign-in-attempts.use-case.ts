import * as z from 'zod';
import type { SignInThrottle, StaffSessionService } from '#vigie/access-control';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const sweepSignInAttemptsInput = z.object({}).strict();

export interface SweepSignInAttemptsOutput {
  /** Windows closed with failures the trail had not been told of: one `auth.failures-summarised` entry each. */
  summarised: number;
  /** Counters dropped: their window is over, reported, and block nothing any more. */
  purged: number;
  /** Rows of web sessions that ended more than a day ago, dropped. */
  sessionsPurged: number;
}

/**
 * The worker's minute: the windows of failed sign-ins that closed since are summarised in the trail (a source that
 * stopped trying has no next attempt to do it), the counters past use are dropped, and so are the rows of web
 * sessions that ended more than a day ago. Several replicas may run it at
 * once: each window is claimed by one of them.
 */
export class SweepSignInAttempts implements UseCase<typeof sweepSignInAttemptsInput, SweepSignInAttemptsOutput> {
  static readonly definition: UseCaseDefinition<typeof sweepSignInAttemptsInput> = { name: 'sweep-sign-in-attempts', input: sweepSignInAttemptsInput };
  readonly definition = SweepSignInAttempts.definition;

  constructor(
    private readonly attempts: Pick<SignInThrottle, 'sweep'>,
    private readonly sessions: Pick<StaffSessionService, 'purge'>,
  ) {}

  async execute(_input: z.output<typeof sweepSignInAttemptsInput>): Promise<SweepSignInAttemptsOutput> {
    const swept = await this.attempts.sweep();
    return { ...swept, sessionsPurged: await this.sessions.purge() };
  }
}

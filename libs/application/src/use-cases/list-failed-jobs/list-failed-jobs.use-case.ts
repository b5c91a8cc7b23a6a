import * as z from 'zod';
import type { FailedJob, JobQueue } from '#vigie/common';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const listFailedJobsInput = z
  .object({
    limit: z.coerce.number().int().min(1, 'expected a limit of at least 1').max(1000, 'expected a limit of at most 1000').default(100),
  })
  .strict();

/** The jobs that failed for good, newest first, with their error: what an administrator looks at after an alert. */
export class ListFailedJobs implements UseCase<typeof listFailedJobsInput, FailedJob[]> {
  // For the operator's command line only (no ability): a job's payload may name people.
  static readonly definition: UseCaseDefinition<typeof listFailedJobsInput> = { name: 'list-failed-jobs', input: listFailedJobsInput };
  readonly definition = ListFailedJobs.definition;

  constructor(private readonly jobs: Pick<JobQueue, 'failed'>) {}

  execute(input: z.output<typeof listFailedJobsInput>): Promise<FailedJob[]> {
    return this.jobs.failed(input.limit);
  }
}

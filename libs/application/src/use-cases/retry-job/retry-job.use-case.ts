import * as z from 'zod';
import type { JobOutbox, UnitOfWork } from '#vigie/common';
import type { TrailWriter } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const retryJobInput = z
  .object({
    id: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a job id, as `vigie jobs failed` shows it'),
  })
  .strict();

/** Puts a failed job back on its queue once its cause is fixed; the retry and its trail entry commit together. */
export class RetryJob implements UseCase<typeof retryJobInput, { id: string; name: string }> {
  static readonly definition: UseCaseDefinition<typeof retryJobInput> = { name: 'retry-job', input: retryJobInput };
  readonly definition = RetryJob.definition;

  constructor(private readonly uow: UnitOfWork<{ jobs: Pick<JobOutbox, 'retry'>; trail: TrailWriter }>) {}

  execute(input: z.output<typeof retryJobInput>): Promise<{ id: string; name: string }> {
    return this.uow.run(async ({ jobs, trail }) => {
      const job = await jobs.retry(input.id);
      await trail.record({ action: 'job.retried', target: { type: 'job', id: job.id }, after: { queue: job.name } });
      return job;
    });
  }
}

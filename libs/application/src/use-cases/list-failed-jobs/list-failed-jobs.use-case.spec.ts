import type { FailedJob } from '#vigie/common';
import { parsedBy, refusalsOf } from '../../testing/index.js';
import { ListFailedJobs } from './list-failed-jobs.use-case.js';

describe(ListFailedJobs.name, () => {
  const input = ListFailedJobs.definition.input;
  const failed: FailedJob = {
    id: '7e0f1b8c-3f59-4c55-9a0e-4a1b2c3d4e5f',
    name: 'provision-membership',
    payload: {},
    error: { message: 'the group cn=payroll does not exist', kind: 'not-found' },
    retryCount: 0,
    createdAt: new Date('2026-12-07T09:00:00Z'),
    failedAt: new Date('2026-12-07T09:00:01Z'),
  };

  it("is for the operator's command line only (a job's payload may name people)", () => {
    expect(ListFailedJobs.definition).toEqual({ name: 'list-failed-jobs', input });
  });

  it('lists the failed jobs, a hundred by default', async () => {
    const limits: number[] = [];
    const sut = new ListFailedJobs({ failed: async (limit) => (limits.push(limit!), [failed]) });
    expect(await sut.execute(parsedBy(input, {}))).toEqual([failed]);
    await sut.execute(parsedBy(input, { limit: '5' }));
    expect(limits).toEqual([100, 5]);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(refusalsOf(input, { limit: '0' })).toEqual(['limit: expected a limit of at least 1']);
    expect(refusalsOf(input, { limit: 5000 })).toEqual(['limit: expected a limit of at most 1000']);
  });
});

import { VigieError } from '#vigie/common';
import { InMemoryUnitOfWork } from '#vigie/common/testing';
import { BufferedTrailWriter, RecordingTrailWriter } from '#vigie/trail/testing';
import { parsedBy, refusalsOf } from '../../testing/index.js';
import { RetryJob } from './retry-job.use-case.js';

describe(RetryJob.name, () => {
  const input = RetryJob.definition.input;
  const failedId = '7e0f1b8c-3f59-4c55-9a0e-4a1b2c3d4e5f';

  const world = () => {
    const committed = new RecordingTrailWriter();
    const retried: string[] = [];
    const jobs = {
      retry: async (id: string) => {
        if (id !== failedId) throw new VigieError('not-found', `no failed job has the id ${id}`);
        retried.push(id);
        return { id, name: 'provision-membership' };
      },
    };
    const uow = new InMemoryUnitOfWork(() => {
      const trail = new BufferedTrailWriter();
      return { tx: { jobs, trail }, commit: () => trail.flushTo(committed) };
    });
    return { sut: new RetryJob(uow), committed, retried };
  };

  it("is for the operator's command line only (no ability: no token may run it)", () => {
    expect(RetryJob.definition).toEqual({ name: 'retry-job', input });
  });

  it('refuses what is not a job id, saying where to find one', () => {
    expect(refusalsOf(input, { id: 'provision-membership' })).toEqual(['id: expected a job id, as `vigie jobs failed` shows it']);
  });

  it('puts the failed job back on its queue and records it in the same transaction', async () => {
    const { sut, committed, retried } = world();
    expect(await sut.execute(parsedBy(input, { id: failedId }))).toEqual({ id: failedId, name: 'provision-membership' });
    expect(retried).toEqual([failedId]);
    expect(committed.actions).toEqual(['job.retried']);
  });

  it('records nothing when no failed job has the id', async () => {
    const { sut, committed } = world();
    await expect(sut.execute(parsedBy(input, { id: '00000000-0000-4000-8000-000000000000' }))).rejects.toMatchObject({ kind: 'not-found' });
    expect(committed.actions).toEqual([]);
  });
});

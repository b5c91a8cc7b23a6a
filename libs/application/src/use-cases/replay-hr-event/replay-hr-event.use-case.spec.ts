import { HR_QUEUES } from '#vigie/hr';
import { anHrEvent } from '#vigie/hr/testing';
import { hrEventsWorld } from '../../testing/index.js';
import { ReplayHrEvent } from './replay-hr-event.use-case.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const retries = { limit: 3, delaySeconds: 10 };

describe(ReplayHrEvent.name, () => {
  const dead = anHrEvent({
    status: 'dead',
    attempts: 4,
    version: 5,
    effectiveAt: new Date('2026-12-01T00:00:00Z'),
    processedAt: new Date('2026-12-02T00:00:00Z'),
    lastError: { message: 'the manager E9 has no account', kind: 'not-found' },
  });
  const setup = (...events: ReturnType<typeof anHrEvent>[]) => {
    const world = hrEventsWorld({ events });
    return { ...world, sut: new ReplayHrEvent(world.uow, retries, () => NOW) };
  };

  it('puts a dead event back to pending with its tries from zero, keeps its last error in the trail, and hands it to the worker', async () => {
    const { sut, store, trail, jobs } = setup(dead);
    const replayed = await sut.execute({ id: dead.id });
    expect(replayed).toMatchObject({ status: 'pending', attempts: 0, lastError: null, processedAt: null, version: 6 });
    expect(store.events.get(dead.id)).toEqual(replayed);
    expect(trail.actions).toEqual(['hr-event.replayed']);
    expect(trail.inputs[0]!.before).toEqual({ status: 'dead', attempts: 4, lastError: dead.lastError, version: 5 });
    expect(jobs).toEqual([
      {
        name: HR_QUEUES.apply,
        payload: { eventId: dead.id },
        options: { singletonKey: `hr:${dead.id}:6`, retryLimit: 3, retryDelaySeconds: 10, retryBackoff: true },
      },
    ]);
  });

  it('replays a retrying event, and leaves one not yet due to the sweep', async () => {
    const future = anHrEvent({ status: 'retrying', effectiveAt: new Date('2027-01-04T00:00:00Z') });
    const { sut, jobs } = setup(future);
    await expect(sut.execute({ id: future.id })).resolves.toMatchObject({ status: 'pending' });
    expect(jobs).toEqual([]);
  });

  it('refuses an event that is pending, done or cancelled, and an unknown one, changing nothing', async () => {
    const done = anHrEvent({ status: 'done' });
    const { sut, store, trail } = setup(done);
    await expect(sut.execute({ id: done.id })).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('is done') });
    await expect(sut.execute({ id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ kind: 'not-found' });
    expect(store.events.get(done.id)).toEqual(done);
    expect(trail.actions).toEqual([]);
  });
});

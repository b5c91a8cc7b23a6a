import { anHrEvent, anHrPersonData } from '#vigie/hr/testing';
import { hrEventsWorld, parsedBy, refusalsOf } from '../../testing/index.js';
import { ListHrEvents, listHrEventsInput } from './list-hr-events.use-case.js';

describe(ListHrEvents.name, () => {
  const dead = anHrEvent({ status: 'dead', receivedAt: new Date('2026-12-02T00:00:00Z'), lastError: { message: 'no such manager', kind: 'not-found' } });
  const done = anHrEvent({ status: 'done', receivedAt: new Date('2026-12-03T00:00:00Z'), person: anHrPersonData({ employeeId: 'E7' }) });
  const pending = anHrEvent({ receivedAt: new Date('2026-12-04T00:00:00Z') });
  const setup = () => {
    const { store } = hrEventsWorld({ events: [dead, done, pending] });
    const sut = new ListHrEvents(store);
    return (input: Record<string, unknown>) => sut.execute(parsedBy(listHrEventsInput, input));
  };

  it('lists newest first, a page at a time', async () => {
    const list = setup();
    const first = await list({ limit: '2' });
    expect(first.items.map((e) => e.id)).toEqual([pending.id, done.id]);
    expect((await list({ limit: 2, cursor: first.nextCursor! })).items.map((e) => e.id)).toEqual([dead.id]);
  });

  it('gives the dead-letter list with each reason, and one person’s events', async () => {
    const list = setup();
    expect((await list({ status: 'dead' })).items).toEqual([dead]);
    expect((await list({ status: 'dead,done' })).items.map((e) => e.id)).toEqual([done.id, dead.id]);
    expect((await list({ employeeId: 'E7' })).items.map((e) => e.id)).toEqual([done.id]);
  });

  it('refuses an unknown status, naming the statuses', () => {
    expect(refusalsOf(listHrEventsInput, { status: 'lost' })).toEqual(['status.0: expected one of pending, retrying, done, dead, cancelled']);
  });
});

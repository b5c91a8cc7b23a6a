import { randomUUID } from 'node:crypto';
import { HR_QUEUES } from '#vigie/hr';
import { anHrEvent } from '#vigie/hr/testing';
import { hrApplyWorld } from '../../testing/index.js';
import { SweepHrEvents } from './sweep-hr-events.use-case.js';

const NOW = new Date('2027-01-04T00:01:00Z');

describe(SweepHrEvents.name, () => {
  it('hands the due events and follow-ups to their queues, once per event version and per follow-up', async () => {
    const w = hrApplyWorld();
    const due = anHrEvent({ effectiveAt: new Date('2027-01-04T00:00:00Z') });
    const later = anHrEvent({ effectiveAt: new Date('2027-02-01T00:00:00Z') });
    const inFlight = anHrEvent({ effectiveAt: new Date('2027-01-03T00:00:00Z'), attempts: 1, version: 2 });
    for (const e of [due, later, inFlight]) w.store.events.set(e.id, e);
    const followUpId = randomUUID();
    w.store.followUps.set(followUpId, {
      id: followUpId,
      kind: 'delete-account',
      employeeId: 'E1',
      eventId: due.id,
      dueAt: new Date('2027-01-01T00:00:00Z'),
      directory: 'corp',
      dn: 'uid=x,dc=acme,dc=test',
      groups: [],
      status: 'scheduled',
      lastError: null,
      doneAt: null,
    });
    const sut = new SweepHrEvents(w.uow, { limit: 3, delaySeconds: 5 }, () => NOW);
    await expect(sut.execute()).resolves.toEqual({ events: 1, followUps: 1 });
    expect(w.jobs).toEqual([
      { name: HR_QUEUES.apply, payload: { eventId: due.id }, options: expect.objectContaining({ singletonKey: `hr:${due.id}:1` }) },
      { name: HR_QUEUES.followUp, payload: { followUpId }, options: expect.objectContaining({ singletonKey: `hr-follow-up:${followUpId}` }) },
    ]);
  });
});

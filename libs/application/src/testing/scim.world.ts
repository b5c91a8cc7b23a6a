import type { HrPerson, NewHrEvent } from '#vigie/hr';
import { anHrEvent } from '#vigie/hr/testing';
import { ScimUserWrites } from '../scim/scim-user-writes.js';
import { hrEventsWorld } from './hr-events.world.js';

/**
 * SCIM's writes over HR stores in memory, with a receiver that does what receive-hr-event does in the transaction it
 * is given (the event stored, the person made at their first event) and keeps what it was handed.
 */
export function scimWorld(seed: { persons?: HrPerson[] } = {}) {
  const world = hrEventsWorld(seed);
  const received: NewHrEvent[] = [];
  let ids = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
  const now = new Date('2026-12-07T09:30:00Z');
  const writes = new ScimUserWrites(
    world.uow,
    async () => async (tx, event) => {
      received.push(structuredClone(event));
      await tx.hr.insert(
        anHrEvent({ source: event.source, eventId: event.eventId, type: event.type, person: event.person, immediate: event.immediate ?? false }),
      );
      if (await tx.hr.getPerson(event.person.employeeId)) return;
      await tx.hr.savePerson({
        employeeId: event.person.employeeId,
        scimId: newId(),
        userName: event.userName ?? null,
        data: event.person,
        active: true,
        account: null,
        leaverGroups: [],
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
    },
    () => now,
    newId,
  );
  return { ...world, writes, received, now };
}

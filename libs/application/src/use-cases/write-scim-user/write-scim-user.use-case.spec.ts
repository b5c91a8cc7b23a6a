import { isVigieError } from '#vigie/common';
import { anHrPerson, anHrPersonData } from '#vigie/hr/testing';
import { ScimError } from '../../scim/scim-error.js';
import { SCIM_ENTERPRISE_SCHEMA as ENT, SCIM_USER_SCHEMA } from '../../scim/scim-user.js';
import { parsedBy, scimWorld } from '../../testing/index.js';
import { WriteScimUser } from './write-scim-user.use-case.js';

const BASE = 'https://vigie.acme.test/scim/v2';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patchOf = (...Operations: unknown[]) => ({ schemas: [PATCH], Operations });

/** What Entra ID posts for a joiner. */
const joiner = (over: Record<string, unknown> = {}) => ({
  schemas: [SCIM_USER_SCHEMA, ENT],
  externalId: 'E5001',
  userName: 'elodie.delafontaine@acme.test',
  active: true,
  emails: [{ primary: true, type: 'work', value: 'elodie.delafontaine@acme.test' }],
  name: { familyName: 'de La Fontaine', givenName: 'Élodie' },
  title: 'Comptable',
  [ENT]: { department: 'Finance' },
  ...over,
});

describe(WriteScimUser.name, () => {
  let world: ReturnType<typeof scimWorld>;
  let sut: WriteScimUser;

  const write = (input: Parameters<typeof parsedBy<typeof WriteScimUser.definition.input>>[1]) => sut.execute(parsedBy(WriteScimUser.definition.input, input));
  const refusal = async (call: Promise<unknown>) => {
    const err = await call.then(
      () => null,
      (e: unknown) => e,
    );
    if (!isVigieError(err)) throw err ?? new Error('expected a refusal');
    return { kind: err.kind, scimType: err instanceof ScimError ? err.scimType : null, message: err.message };
  };
  const setUp = (persons = [anHrPerson()].slice(0, 0)) => {
    world = scimWorld({ persons });
    sut = new WriteScimUser(world.writes, world.store, BASE);
  };
  beforeEach(() => setUp());

  /** What the worker does once it has applied the events received so far: each done, the person merged and (in)active. */
  const workerApplied = async () => {
    for (const event of world.store.events.values()) {
      if (event.status !== 'pending') continue;
      const person = (await world.store.getPerson(event.person.employeeId))!;
      await world.store.savePerson({ ...person, data: { ...person.data, ...event.person }, active: event.type !== 'leave' });
      await world.store.update({ ...event, status: 'done' });
    }
  };

  it('is for the SCIM routes, run as the system: it declares no ability', () => {
    expect(WriteScimUser.definition.ability).toBeUndefined();
  });

  describe('POST /Users', () => {
    it('receives a hire of the person, effective now, keeps their userName, and answers the user with its SCIM id and meta', async () => {
      const user = await write({ operation: 'create', body: joiner() });
      expect(world.received).toEqual([
        {
          source: 'scim',
          eventId: expect.stringMatching(/^scim:/),
          type: 'hire',
          effectiveDate: '2026-12-07T09:30:00.000Z',
          immediate: false,
          userName: 'elodie.delafontaine@acme.test',
          person: {
            employeeId: 'E5001',
            firstName: 'Élodie',
            lastName: 'de La Fontaine',
            mail: 'elodie.delafontaine@acme.test',
            department: 'Finance',
            title: 'Comptable',
            managerEmployeeId: null,
            site: null,
            employeeType: null,
            startDate: null,
            endDate: null,
          },
        },
      ]);
      const person = (await world.store.getPerson('E5001'))!;
      expect(user).toMatchObject({
        id: person.scimId,
        externalId: 'E5001',
        userName: 'elodie.delafontaine@acme.test',
        active: true,
        meta: { resourceType: 'User', version: `W/"${person.version}"`, location: `${BASE}/Users/${person.scimId}` },
        [ENT]: { employeeNumber: 'E5001', department: 'Finance' },
      });
    });

    it('takes the employee id from employeeNumber when there is no externalId, and refuses a user with neither', async () => {
      await write({ operation: 'create', body: joiner({ externalId: undefined, [ENT]: { employeeNumber: 'E77', department: 'Finance' } }) });
      expect(world.received.map((e) => e.person.employeeId)).toEqual(['E77']);
      expect(await refusal(write({ operation: 'create', body: joiner({ externalId: undefined, userName: 'other@acme.test' }) }))).toMatchObject({
        kind: 'invalid-input',
        scimType: 'invalidValue',
        message: expect.stringContaining('employee id'),
      });
    });

    it('refuses a second user with the same externalId or userName as uniqueness, receiving nothing', async () => {
      await write({ operation: 'create', body: joiner() });
      expect(await refusal(write({ operation: 'create', body: joiner({ userName: 'x@acme.test' }) }))).toMatchObject({
        kind: 'conflict',
        scimType: 'uniqueness',
      });
      expect(await refusal(write({ operation: 'create', body: joiner({ externalId: 'E9' }) }))).toMatchObject({ kind: 'conflict', scimType: 'uniqueness' });
      expect(world.received).toHaveLength(1);
    });

    it('keeps an inactive user as an inactive person, with no hire', async () => {
      const user = await write({ operation: 'create', body: joiner({ active: false }) });
      expect(world.received).toEqual([]);
      expect(user).toMatchObject({ active: false, externalId: 'E5001' });
      expect(await world.store.getPerson('E5001')).toMatchObject({ active: false, userName: 'elodie.delafontaine@acme.test' });
    });
  });

  describe('PATCH and PUT /Users/:id', () => {
    const elodie = () => anHrPerson({ userName: 'elodie.delafontaine@acme.test', data: anHrPersonData({ startDate: '2027-01-04' }) });
    let id: string;
    beforeEach(() => {
      const person = elodie();
      setUp([person]);
      id = person.scimId;
    });

    it('receives a move when the department changes, reads it back at once, and leaves the applied data to the worker', async () => {
      const user = await write({ operation: 'patch', id, body: patchOf({ op: 'Replace', path: `${ENT}:department`, value: 'Ventes' }) });
      expect(world.received).toEqual([
        expect.objectContaining({ type: 'move', immediate: false, person: expect.objectContaining({ department: 'Ventes', startDate: '2027-01-04' }) }),
      ]);
      expect(user).toMatchObject({ [ENT]: { department: 'Ventes' } });
      // The worker compares the move with what it applied last: the old department.
      expect((await world.store.getPerson('E5001'))!.data.department).toBe('Finance');
      // A second PATCH before the worker runs starts from what the first one wrote.
      await write({ operation: 'patch', id, body: patchOf({ op: 'Replace', path: 'title', value: 'Commerciale' }) });
      expect(world.received.map((e) => [e.type, e.person.department, e.person.title])).toEqual([
        ['move', 'Ventes', 'Comptable'],
        ['update', 'Ventes', 'Commerciale'],
      ]);
    });

    it('receives an update for another change, and nothing for a change HR does not carry', async () => {
      await write({ operation: 'patch', id, body: patchOf({ op: 'Replace', path: 'title', value: 'Cheffe comptable' }) });
      await write({ operation: 'patch', id, body: patchOf({ op: 'Replace', path: 'displayName', value: 'É. de La Fontaine' }) });
      expect(world.received.map((e) => [e.type, e.person.title])).toEqual([['update', 'Cheffe comptable']]);
    });

    it('receives an immediate leave on active false, and a hire (a rehire) on active true again', async () => {
      const left = await write({ operation: 'patch', id, body: patchOf({ op: 'Replace', path: 'active', value: 'False' }) });
      expect(left).toMatchObject({ active: false });
      await workerApplied();
      const away = await write({ operation: 'patch', id, body: patchOf({ op: 'Replace', path: 'title', value: 'Gone' }) });
      expect(away).toMatchObject({ active: false, title: 'Gone' });
      const back = await write({ operation: 'patch', id, body: patchOf({ op: 'Replace', path: 'active', value: true }) });
      expect(back).toMatchObject({ active: true, title: 'Gone' });
      expect(world.received.map((e) => [e.type, e.immediate, e.person.title])).toEqual([
        ['leave', true, 'Comptable'],
        ['hire', false, 'Gone'],
      ]);
      // The change made while away is in the trail, as no event carries it.
      expect(world.trail.actions).toEqual(['hr-person.scim-updated']);
    });

    it('resolves the manager by their SCIM id, and answers them by it', async () => {
      const boss = anHrPerson({ employeeId: 'E1', userName: 'boss@acme.test' });
      setUp([elodie(), boss]);
      id = (await world.store.getPerson('E5001'))!.scimId;
      const user = await write({ operation: 'patch', id, body: patchOf({ op: 'Add', path: `${ENT}:manager`, value: boss.scimId }) });
      expect(world.received.map((e) => e.person.managerEmployeeId)).toEqual(['E1']);
      expect(user).toMatchObject({ [ENT]: { manager: { value: boss.scimId } } });
    });

    it('replaces the whole user on PUT, and refuses another externalId: the employee id does not change', async () => {
      await write({ operation: 'replace', id, body: joiner({ title: 'Auditrice' }) });
      expect(world.received.map((e) => [e.type, e.person.title])).toEqual([['update', 'Auditrice']]);
      expect(await refusal(write({ operation: 'replace', id, body: joiner({ externalId: 'E6000' }) }))).toMatchObject({
        kind: 'invalid-input',
        scimType: 'mutability',
      });
    });

    it('answers an unknown id as not found, and a bad PATCH as a SCIM error, receiving nothing', async () => {
      expect(await refusal(write({ operation: 'patch', id: 'nope', body: patchOf({ op: 'replace', path: 'title', value: 'x' }) }))).toMatchObject({
        kind: 'not-found',
      });
      expect(await refusal(write({ operation: 'patch', id, body: patchOf({ op: 'replace', path: 'nope', value: 'x' }) }))).toMatchObject({
        scimType: 'invalidPath',
      });
      expect(world.received).toEqual([]);
    });
  });

  describe('DELETE /Users/:id', () => {
    it('receives an immediate leave once, and the person stays, inactive', async () => {
      const person = anHrPerson();
      setUp([person]);
      expect(await write({ operation: 'delete', id: person.scimId })).toBeNull();
      expect(await write({ operation: 'delete', id: person.scimId })).toBeNull();
      expect(world.received.map((e) => [e.type, e.immediate])).toEqual([['leave', true]]);
      expect(await write({ operation: 'patch', id: person.scimId, body: patchOf({ op: 'Replace', path: 'title', value: 'x' }) })).toMatchObject({
        active: false,
      });
    });
  });
});

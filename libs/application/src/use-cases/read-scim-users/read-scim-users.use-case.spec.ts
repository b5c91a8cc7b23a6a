import { isVigieError } from '#vigie/common';
import { anHrPerson, anHrPersonData } from '#vigie/hr/testing';
import { InMemoryHrEventStore } from '#vigie/hr/testing';
import { ScimError } from '../../scim/scim-error.js';
import { parsedBy } from '../../testing/index.js';
import { ReadScimUsers } from './read-scim-users.use-case.js';

const BASE = '/scim/v2';

describe(ReadScimUsers.name, () => {
  let store: InMemoryHrEventStore;
  let sut: ReadScimUsers;
  const people = [
    anHrPerson({ employeeId: 'E1', userName: 'boss@acme.test', data: anHrPersonData({ employeeId: 'E1' }), createdAt: new Date('2026-01-01') }),
    anHrPerson({
      employeeId: 'E2',
      userName: 'Elodie@Acme.test',
      data: anHrPersonData({ employeeId: 'E2', managerEmployeeId: 'E1' }),
      createdAt: new Date('2026-01-02'),
    }),
    anHrPerson({ employeeId: 'E3', userName: null, data: anHrPersonData({ employeeId: 'E3', mail: 'e3@acme.test' }), createdAt: new Date('2026-01-03') }),
  ];
  const read = (input: Record<string, unknown>) => sut.execute(parsedBy(ReadScimUsers.definition.input, input as never));

  beforeEach(() => {
    store = new InMemoryHrEventStore();
    for (const p of people) store.persons.set(p.employeeId, structuredClone(p));
    sut = new ReadScimUsers(store, BASE);
  });

  it('answers one user by SCIM id, with the manager by their SCIM id', async () => {
    expect(await read({ id: people[1]!.scimId })).toMatchObject({
      id: people[1]!.scimId,
      externalId: 'E2',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { manager: { value: people[0]!.scimId } },
      meta: { location: `${BASE}/Users/${people[1]!.scimId}` },
    });
    const missing = await read({ id: 'not-a-user' }).catch((e: unknown) => e);
    expect(isVigieError(missing) && missing.kind).toBe('not-found');
  });

  it('finds users by userName (case aside) or externalId, and answers an empty list when none has it', async () => {
    expect(await read({ filter: 'userName eq "elodie@acme.test"' })).toMatchObject({ totalResults: 1, Resources: [{ externalId: 'E2' }] });
    expect(await read({ filter: 'externalId eq "E3"' })).toMatchObject({ totalResults: 1, Resources: [{ userName: 'e3@acme.test' }] });
    expect(await read({ filter: 'userName eq "nobody@acme.test"' })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      Resources: [],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
    });
  });

  it('pages from startIndex (1-based) by count, as query strings give them; a startIndex under 1 is 1', async () => {
    const page = await read({ startIndex: '2', count: '1' });
    expect(page).toMatchObject({ totalResults: 3, startIndex: 2, itemsPerPage: 1, Resources: [{ externalId: 'E2' }] });
    expect(await read({ startIndex: '0', count: '0' })).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it('refuses a filter it does not answer with invalidFilter', async () => {
    const err = await read({ filter: 'title eq "Comptable"' }).catch((e: unknown) => e);
    expect(err instanceof ScimError && [err.kind, err.scimType]).toEqual(['invalid-input', 'invalidFilter']);
  });
});

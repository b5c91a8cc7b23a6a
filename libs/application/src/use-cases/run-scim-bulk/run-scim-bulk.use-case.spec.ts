import { ScimError } from '../../scim/scim-error.js';
import { SCIM_ENTERPRISE_SCHEMA as ENT, SCIM_USER_SCHEMA } from '../../scim/scim-user.js';
import { parsedBy, scimWorld } from '../../testing/index.js';
import { RunScimBulk } from './run-scim-bulk.use-case.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const user = (employeeId: string, more: Record<string, unknown> = {}) => ({
  schemas: [SCIM_USER_SCHEMA, ENT],
  externalId: employeeId,
  userName: `${employeeId.toLowerCase()}@acme.test`,
  active: true,
  [ENT]: { department: 'Finance', ...more },
});

describe(RunScimBulk.name, () => {
  let world: ReturnType<typeof scimWorld>;
  let sut: RunScimBulk;
  const bulk = (Operations: unknown[], more: object = {}) =>
    sut.execute(parsedBy(RunScimBulk.definition.input, { body: { schemas: [BULK], Operations, ...more } }));

  beforeEach(() => {
    world = scimWorld();
    sut = new RunScimBulk(world.writes, world.store, '/scim/v2');
  });

  it('runs the operations in order, a later one naming a user an earlier POST made by its bulkId', async () => {
    const answer = await bulk([
      { method: 'POST', path: '/Users', bulkId: 'boss', data: user('E1') },
      { method: 'POST', path: '/Users', bulkId: 'elodie', data: user('E2', { manager: { value: 'bulkId:boss' } }) },
      { method: 'PATCH', path: '/Users/bulkId:elodie', data: { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'Comptable' }] } },
      { method: 'DELETE', path: '/Users/bulkId:boss' },
    ]);
    const boss = (await world.store.getPerson('E1'))!;
    expect(answer).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkResponse'],
      Operations: [
        { method: 'POST', bulkId: 'boss', status: '201', location: `/scim/v2/Users/${boss.scimId}` },
        { method: 'POST', bulkId: 'elodie', status: '201' },
        { method: 'PATCH', status: '200', response: { title: 'Comptable' } },
        { method: 'DELETE', status: '204' },
      ],
    });
    expect(world.received.map((e) => [e.type, e.person.employeeId, e.person.managerEmployeeId])).toEqual([
      ['hire', 'E1', null],
      ['hire', 'E2', 'E1'],
      ['update', 'E2', 'E1'],
      ['leave', 'E1', null],
    ]);
  });

  it('answers each failed operation with its SCIM error and goes on, until failOnErrors errors', async () => {
    const answer = (await bulk(
      [
        { method: 'POST', path: '/Users', data: user('E1') },
        { method: 'POST', path: '/Users', data: user('E1') },
        { method: 'PUT', path: '/Groups/1', data: {} },
        { method: 'POST', path: '/Users', data: user('E3') },
      ],
      { failOnErrors: 2 },
    )) as { Operations: Array<{ status: string; response?: { scimType?: string } }> };
    expect(answer.Operations.map((o) => [o.status, o.response?.scimType ?? null])).toEqual([
      ['201', null],
      ['409', 'uniqueness'],
      ['400', 'invalidPath'],
    ]);
    expect(await world.store.getPerson('E3')).toBeNull();
  });

  it('refuses a request of more operations than it takes with 413 tooMany, running none', async () => {
    const ops = Array.from({ length: 101 }, (_, i) => ({ method: 'DELETE', path: `/Users/${i}` }));
    const err = await bulk(ops).catch((e: unknown) => e);
    expect(err instanceof ScimError && [err.status, err.scimType]).toEqual([413, 'tooMany']);
    expect(world.received).toEqual([]);
  });
});

import { aDelegation, aPersonRef, anAccessRequest } from '#vigie/requests/testing';
import { aCliOperator, aPersonActor, aTokenActor, accessRequestsWorld, contextOf, parsedBy } from '../../testing/index.js';
import { ShowAccessRequest } from './show-access-request.use-case.js';

const NOW = new Date('2026-12-03T10:00:00Z');
const input = ShowAccessRequest.definition.input;

describe(ShowAccessRequest.name, () => {
  const request = anAccessRequest();
  const world = () => {
    const w = accessRequestsWorld(request);
    return { ...w, sut: new ShowAccessRequest(w.store, () => NOW) };
  };
  const show = (sut: ShowAccessRequest, actor: Parameters<typeof contextOf>[0], id = request.id) => sut.execute(parsedBy(input, { id }), contextOf(actor));

  it('reads one request, checked against the caller’s conditions', () => {
    expect(ShowAccessRequest.definition).toEqual({ name: 'show-access-request', input, ability: ['read', 'AccessRequest'], checksConditions: true });
  });

  it('shows the request to whoever may read it: its requester, its approvers, the roles that read all', async () => {
    const { sut } = world();
    for (const actor of [aPersonActor('erin', ['employee']), aPersonActor('mark', ['approver']), aTokenActor('auditor'), aCliOperator()]) {
      expect(await show(sut, actor)).toEqual(request);
    }
  });

  it('answers a request the caller may not read exactly as one that does not exist', async () => {
    const { sut } = world();
    const hidden = await show(sut, aPersonActor('paul', ['employee', 'approver'])).catch((e: Error) => e);
    const missing = await show(sut, aCliOperator(), '00000000-0000-4000-8000-000000000000').catch((e: Error) => e);
    expect(hidden).toMatchObject({ kind: 'not-found', message: `no access request has the id ${request.id}` });
    expect(missing).toMatchObject({ kind: 'not-found', message: 'no access request has the id 00000000-0000-4000-8000-000000000000' });
  });

  it('shows a pending request to the deputy of one of its current approvers', async () => {
    const { sut, store } = world();
    await store.insertDelegation(aDelegation(aPersonRef('mark'), aPersonRef('sam'), new Date('2026-12-01T00:00:00Z'), new Date('2026-12-10T00:00:00Z')));
    expect(await show(sut, aPersonActor('sam', ['approver']))).toEqual(request);
  });
});

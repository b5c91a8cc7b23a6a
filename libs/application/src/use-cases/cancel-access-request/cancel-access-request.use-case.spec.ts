import { anAccessRequest } from '#vigie/requests/testing';
import { aCliOperator, aPersonActor, aTokenActor, accessRequestsWorld, contextOf, parsedBy } from '../../testing/index.js';
import { CancelAccessRequest } from './cancel-access-request.use-case.js';

const NOW = new Date('2026-12-03T10:00:00Z');
const input = CancelAccessRequest.definition.input;

describe(CancelAccessRequest.name, () => {
  const world = () => {
    const request = anAccessRequest();
    const w = accessRequestsWorld(request);
    return { ...w, request, sut: new CancelAccessRequest(w.uow, w.people, () => NOW) };
  };
  const cancel = (sut: CancelAccessRequest, id: string, actor: Parameters<typeof contextOf>[0], as?: string) =>
    sut.execute(parsedBy(input, { id, ...(as ? { as } : {}) }), contextOf(actor));

  it('is for those who make requests, checked on the request', () => {
    expect(CancelAccessRequest.definition).toEqual({ name: 'cancel-access-request', input, ability: ['create', 'AccessRequest'], checksConditions: true });
  });

  it('closes the requester’s pending request, records it and tells who was involved, in one transaction', async () => {
    const { sut, request, store, trail, jobs } = world();
    const saved = await cancel(sut, request.id, aPersonActor('erin', ['employee']));
    expect(saved).toMatchObject({ status: 'cancelled', currentStage: null, closedAt: NOW, version: 2 });
    expect((await store.get(request.id))?.status).toBe('cancelled');
    expect(store.locked).toEqual([request.id]);
    expect(trail.inputs).toEqual([
      expect.objectContaining({ action: 'access-request.cancelled', target: { type: 'access-request', id: request.id }, after: { status: 'cancelled' } }),
    ]);
    expect(jobs).toEqual([
      { name: 'access.notify', payload: { requestId: request.id, kind: 'cancelled' }, options: { singletonKey: `notify:${request.id}:cancelled:2` } },
    ]);
  });

  it('refuses anyone but the requester, and a request already closed, writing nothing', async () => {
    const { sut, request, trail, jobs } = world();
    await expect(cancel(sut, request.id, aPersonActor('mark', ['approver']))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(cancel(sut, request.id, aPersonActor('paul', ['employee']))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(cancel(sut, request.id, aTokenActor('admin'))).rejects.toMatchObject({ kind: 'forbidden' });
    expect([trail.actions, jobs]).toEqual([[], []]);
    await cancel(sut, request.id, aCliOperator(), 'erin');
    await expect(cancel(sut, request.id, aPersonActor('erin', ['employee']))).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('is cancelled'),
    });
  });
});

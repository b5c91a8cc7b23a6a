import type { AccessRequest } from '#vigie/requests';
import { aDelegation, aPersonRef, aStage, anAccessRequest } from '#vigie/requests/testing';
import { aCliOperator, aPersonActor, aTokenActor, accessRequestsWorld, contextOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { DecideAccessRequest } from './decide-access-request.use-case.js';

const NOW = new Date('2026-12-03T10:00:00Z');
const mark = aPersonRef('mark');
const sam = aPersonRef('sam');
const input = DecideAccessRequest.definition.input;
const approver = (login: string) => aPersonActor(login, ['approver', 'employee']);

describe(DecideAccessRequest.name, () => {
  const world = (request: AccessRequest = anAccessRequest()) => {
    const w = accessRequestsWorld(request);
    return { ...w, request, sut: new DecideAccessRequest(w.uow, w.people, () => NOW) };
  };
  const decide = (sut: DecideAccessRequest, id: string, actor = approver('mark'), more: Record<string, unknown> = {}) =>
    sut.execute(parsedBy(input, { id, decision: 'approve', comment: 'needed for closing', ...more }), contextOf(actor));

  it('is a decision on one request: the ability to decide, checked on the request itself', () => {
    expect(DecideAccessRequest.definition).toEqual({ name: 'decide-access-request', input, ability: ['decide', 'AccessRequest'], checksConditions: true });
    expect(refusalsOf(input, { id: anAccessRequest().id, decision: 'approve', comment: 'ok' })).toEqual([
      'comment: a decision carries a comment of at least 3 characters',
    ]);
  });

  it("records the manager's approval, opens the owner's stage and tells its approvers, in one transaction", async () => {
    const { sut, request, store, trail, jobs, uow } = world();
    const saved = await decide(sut, request.id);
    expect(saved).toMatchObject({ status: 'pending', currentStage: 1, version: 2 });
    expect(saved.stages[0]!.decision).toEqual({
      outcome: 'approved',
      by: expect.objectContaining({ key: mark.key }),
      onBehalfOf: null,
      at: NOW,
      comment: 'needed for closing',
    });
    expect(saved.stages[1]!.openedAt).toEqual(NOW);
    expect(await store.get(request.id)).toEqual(saved);
    expect(store.locked).toEqual([request.id]);
    expect(trail.inputs).toEqual([
      expect.objectContaining({
        action: 'access-request.approved',
        target: { type: 'access-request', id: request.id },
        after: expect.objectContaining({ stage: 1, stageKind: 'manager', result: 'next-stage', status: 'pending' }),
        reason: 'needed for closing',
      }),
    ]);
    expect(jobs).toEqual([
      {
        name: 'access.notify',
        payload: { requestId: request.id, kind: 'awaiting-decision' },
        options: { singletonKey: `notify:${request.id}:awaiting-decision:2` },
      },
    ]);
    expect(uow.counts).toEqual({ runs: 1, commits: 1, rollbacks: 0 });
  });

  it('approves the request on the last stage and enqueues its provisioning once, with the notice to the requester', async () => {
    const { sut, request, jobs } = world();
    await decide(sut, request.id);
    const saved = await decide(sut, request.id, approver('olga'));
    expect(saved).toMatchObject({
      status: 'approved',
      currentStage: null,
      closedAt: NOW,
      grant: expect.objectContaining({ status: 'provisioning', groupDn: request.target.groupDn }),
    });
    expect(jobs.slice(1)).toEqual([
      { name: 'access.notify', payload: { requestId: request.id, kind: 'approved' }, options: { singletonKey: `notify:${request.id}:approved:3` } },
      { name: 'access.provision', payload: { requestId: request.id }, options: { singletonKey: `provision:${request.id}` } },
    ]);
  });

  it('rejects: the request ends and the requester is told', async () => {
    const { sut, request, trail, jobs } = world();
    const saved = await decide(sut, request.id, approver('mark'), { decision: 'reject', comment: 'not in your role' });
    expect(saved).toMatchObject({ status: 'rejected', currentStage: null, grant: null });
    expect(trail.actions).toEqual(['access-request.rejected']);
    expect(jobs.map((j) => j.payload.kind)).toEqual(['rejected']);
  });

  it('refuses self-approval, even to the manager named on the request, and writes nothing', async () => {
    const { sut, request, trail, jobs, uow } = world(
      anAccessRequest({ requester: mark, beneficiary: mark, stages: [aStage('manager', [mark], { openedAt: NOW })] }),
    );
    await expect(decide(sut, request.id)).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringContaining('nobody decides a request they made') });
    expect([trail.actions, jobs, uow.counts.commits]).toEqual([[], [], 0]);
  });

  it("refuses a stage that is not the caller's, naming whose it is", async () => {
    const { sut, request } = world();
    await expect(decide(sut, request.id, approver('olga'))).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining("stage 1 of 2 waits for the beneficiary's manager"),
    });
  });

  it('lets a deputy decide for the approver who delegated to them, and says so', async () => {
    const { sut, request, store, trail } = world();
    await store.insertDelegation(aDelegation(mark, sam, new Date('2026-12-01T00:00:00Z'), new Date('2026-12-10T00:00:00Z')));
    const saved = await decide(sut, request.id, approver('sam'));
    expect(saved.stages[0]!.decision).toMatchObject({ by: expect.objectContaining({ key: sam.key }), onBehalfOf: mark.key });
    expect(trail.inputs[0]).toMatchObject({ after: { onBehalfOf: true }, personal: { onBehalfOf: mark.key } });
  });

  it('answers a request the caller may neither read nor decide as one that does not exist, and one no longer pending as a conflict', async () => {
    const { sut, request } = world();
    await expect(decide(sut, request.id, approver('paul'))).rejects.toMatchObject({ kind: 'not-found' });
    await decide(sut, request.id, approver('mark'), { decision: 'reject' });
    await expect(decide(sut, request.id, approver('mark'))).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('is rejected') });
    await expect(decide(sut, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('leaves a security-officer stage to a person holding that role, never to a token', async () => {
    const officerStage = () => anAccessRequest({ stages: [aStage('security-officer', [], { openedAt: NOW })] });
    const { sut, request } = world(officerStage());
    await expect(decide(sut, request.id, approver('mark'))).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await decide(sut, request.id, aPersonActor('sofia', ['security-officer']))).toMatchObject({ status: 'approved' });
    const other = world(officerStage());
    await expect(decide(other.sut, other.request.id, aTokenActor('security-officer'))).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('decides from the command line as the person named with `as`, under the same checks, and the trail says so', async () => {
    const { sut, request, trail } = world();
    await expect(decide(sut, request.id, aCliOperator())).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(decide(sut, request.id, aCliOperator(), { as: 'olga' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(decide(sut, request.id, aCliOperator(), { as: 'erin' })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await decide(sut, request.id, aCliOperator(), { as: 'mark' })).toMatchObject({ currentStage: 1 });
    expect(trail.inputs[0]).toMatchObject({ after: { from: 'command-line' }, personal: { decidedBy: 'mark' } });
    await expect(decide(sut, request.id, approver('olga'), { as: 'olga' })).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('lets the command line decide a security-officer stage, and records that the operator did', async () => {
    const { sut, request, trail } = world(anAccessRequest({ stages: [aStage('security-officer', [], { openedAt: NOW })] }));
    expect(await decide(sut, request.id, aCliOperator(), { as: 'sofia' })).toMatchObject({ status: 'approved' });
    expect(trail.inputs[0]).toMatchObject({ after: { from: 'command-line', securityOfficerStage: 'decided by the operator' } });
  });
});

import { aPersonRef } from '#vigie/requests/testing';
import { aCliOperator, aPersonActor, accessRequestsWorld, contextOf, parsedBy } from '../../testing/index.js';
import { DelegateApprovals } from './delegate-approvals.use-case.js';

const NOW = new Date('2026-12-03T10:00:00Z');
const input = DelegateApprovals.definition.input;
const mark = aPersonActor('mark', ['approver', 'employee']);

describe(DelegateApprovals.name, () => {
  const world = () => {
    const w = accessRequestsWorld();
    return { ...w, sut: new DelegateApprovals(w.uow, w.people, () => NOW) };
  };
  const delegate = (sut: DelegateApprovals, actor: Parameters<typeof contextOf>[0], args: Record<string, unknown>) =>
    sut.execute(parsedBy(input, { deputy: 'sam', until: '2026-12-20', ...args }), contextOf(actor));

  it('is for those who decide requests', () => {
    expect(DelegateApprovals.definition).toEqual({ name: 'delegate-approvals', input, ability: ['decide', 'AccessRequest'], checksConditions: true });
  });

  it('names a deputy from now until the end of the day given, and records it', async () => {
    const { sut, store, trail } = world();
    const d = await delegate(sut, mark, {});
    expect(d).toMatchObject({
      delegator: aPersonRef('mark').key,
      deputy: aPersonRef('sam'),
      from: NOW,
      until: new Date('2026-12-20T23:59:59.999Z'),
      revokedAt: null,
    });
    expect(await store.delegationsTo(aPersonRef('sam').key, new Date('2026-12-10T00:00:00Z'))).toEqual([d]);
    expect(trail.inputs).toEqual([
      expect.objectContaining({ action: 'delegation.created', target: { type: 'delegation', id: d.id }, personal: { delegator: 'mark', deputy: 'sam' } }),
    ]);
  });

  it('refuses oneself as deputy, a period past 90 days or already over, an unknown deputy, and a caller with nothing to delegate', async () => {
    const { sut, trail } = world();
    await expect(delegate(sut, mark, { deputy: 'mark' })).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('deputy') });
    await expect(delegate(sut, mark, { until: '2027-03-10' })).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('90 days') });
    await expect(delegate(sut, mark, { from: '2026-12-01', until: '2026-12-02' })).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(delegate(sut, mark, { deputy: 'nobody' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(delegate(sut, aPersonActor('erin', ['employee']), {})).rejects.toMatchObject({ kind: 'forbidden' });
    expect(trail.actions).toEqual([]);
  });

  it('delegates from the command line for the person named with `as`', async () => {
    const { sut } = world();
    expect(await delegate(sut, aCliOperator(), { as: 'olga', from: '2026-12-05' })).toMatchObject({
      delegator: aPersonRef('olga').key,
      from: new Date('2026-12-05T00:00:00Z'),
    });
  });
});

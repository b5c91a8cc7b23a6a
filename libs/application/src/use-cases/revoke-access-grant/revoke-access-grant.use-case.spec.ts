import type { StaffRole } from '#vigie/access-control';
import { REQUEST_QUEUES, provisioned } from '#vigie/requests';
import { aPersonRef, anApprovedRequest } from '#vigie/requests/testing';
import { aCliOperator, accessRequestsWorld, aPersonActor, aTokenActor, contextOf, parsedBy, refusalsOf } from '../../testing/index.js';
import type { Actor } from '../../use-case.js';
import { RevokeAccessGrant } from './revoke-access-grant.use-case.js';

describe(RevokeAccessGrant.name, () => {
  const now = new Date('2026-12-10T10:00:00Z');
  const input = RevokeAccessGrant.definition.input;
  const reason = 'left the finance project early';

  const setup = (request = provisioned(anApprovedRequest({ durationDays: 30 }), 'added', new Date('2026-12-03T10:00:00Z'))) => {
    const world = accessRequestsWorld(request);
    const sut = new RevokeAccessGrant(world.uow, () => now);
    const revoke = (actor: Actor, more: { as?: string } = {}) => sut.execute(parsedBy(input, { id: request.id, reason, ...more }), contextOf(actor));
    return { ...world, revoke, id: request.id };
  };
  const person = (login: string, ...roles: StaffRole[]) => aPersonActor(login, roles);

  it('needs the ability to decide requests, checked on the request itself', () => {
    expect(RevokeAccessGrant.definition).toEqual({ name: 'revoke-access-grant', input, ability: ['decide', 'AccessRequest'], checksConditions: true });
    expect(refusalsOf(input, { id: '0b7c4f6e-1d2a-4c3b-9e8f-000000000001', reason: 'no' })).toEqual(['reason: say why, in at least 10 characters']);
  });

  it('lets a security officer end the grant: removing, the removal queued and the revocation in the trail, together', async () => {
    const w = setup();
    const saved = await w.revoke(person('sec', 'security-officer'));
    expect(saved.grant).toMatchObject({ status: 'removing', endReason: 'revoked', revokedBy: aPersonRef('sec').key, revokeReason: reason, endsAt: now });
    expect(w.request(w.id).grant?.status).toBe('removing');
    expect(w.trail.inputs.map((i) => [i.action, i.reason])).toEqual([['access-grant.revoked', reason]]);
    expect(w.jobs).toEqual([{ name: REQUEST_QUEUES.remove, payload: { requestId: w.id }, options: { singletonKey: `remove:${w.id}` } }]);
  });

  it('lets an owner of the resource revoke it, and the command line as the system, naming its operator', async () => {
    const w = setup();
    expect((await w.revoke(person('olga', 'approver'))).grant?.revokedBy).toBe(aPersonRef('olga').key);
    const cli = setup();
    expect((await cli.revoke(aCliOperator(), { as: 'sec' })).grant?.revokedBy).toBe('system:cli');
    expect(cli.trail.inputs[0].after).toMatchObject({ revokedBy: 'system:cli', as: 'sec' });
  });

  it("refuses the beneficiary's manager (who approves, but does not revoke) and says nothing to who may not see it", async () => {
    const w = setup();
    await expect(w.revoke(person('mark', 'approver'))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(w.revoke(person('mallory', 'approver'))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(w.revoke(aTokenActor('security-officer'))).rejects.toMatchObject({ kind: 'forbidden' });
    expect(w.trail.actions).toEqual([]);
    expect(w.request(w.id).grant?.status).toBe('active');
  });

  it('refuses a security officer revoking their own grant: nobody decides for themselves', async () => {
    const w = setup();
    await expect(w.revoke(person('erin', 'security-officer'))).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('revokes a grant still provisioning, and refuses one that ended or is already ending', async () => {
    const w = setup(anApprovedRequest());
    expect((await w.revoke(aCliOperator())).grant?.status).toBe('removing');
    await expect(w.revoke(aCliOperator())).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('removing') });
  });

  it('refuses `as` from anyone but the command line', async () => {
    const w = setup();
    await expect(w.revoke(person('sec', 'security-officer'), { as: 'olga' })).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});

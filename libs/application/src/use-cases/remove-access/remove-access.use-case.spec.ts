import { REQUEST_QUEUES, ending, provisioned } from '#vigie/requests';
import { anApprovedRequest } from '#vigie/requests/testing';
import { accessRequestsWorld, FakeDirectoryWriter, parsedBy } from '../../testing/index.js';
import { RemoveAccess } from './remove-access.use-case.js';

describe(RemoveAccess.name, () => {
  const started = new Date('2026-12-03T10:00:00Z');
  const now = new Date('2027-01-02T10:01:00Z');
  const input = RemoveAccess.definition.input;

  /** A grant Vigie provisioned ('added') or found ('already'), whose end was decided for `reason`. */
  const endingGrant = (outcome: 'added' | 'already', reason: 'expired' | 'revoked' = 'expired') =>
    ending(provisioned(anApprovedRequest({ durationDays: 30 }), outcome, started), reason, reason === 'revoked' ? 'system:cli' : null, null, now);

  const setup = (request = endingGrant('added')) => {
    const world = accessRequestsWorld(request);
    const directory = new FakeDirectoryWriter();
    directory.grant(request);
    const run = () => new RemoveAccess(world.uow, directory, () => now).execute(parsedBy(input, { requestId: request.id }));
    return { ...world, directory, run, id: request.id, original: request };
  };

  it('is a job of the system only', () => {
    expect(RemoveAccess.definition).toEqual({ name: 'remove-access', input });
  });

  it('removes the membership Vigie added, reads it back, ends the grant, in the trail, telling people it ended', async () => {
    const w = setup();
    expect(await w.run()).toEqual({ requestId: w.id, status: 'ended', outcome: 'removed' });
    expect(w.directory.holds(w.original)).toBe(false);
    expect(w.request(w.id).grant).toMatchObject({ status: 'ended', endedAt: now, endReason: 'expired' });
    expect(w.trail.actions).toEqual(['access-grant.removed']);
    expect(w.trail.inputs[0].after).toMatchObject({ outcome: 'removed', endReason: 'expired' });
    expect(w.jobs.map((j) => [j.name, j.payload])).toEqual([[REQUEST_QUEUES.notify, { requestId: w.id, kind: 'ended' }]]);
  });

  it("counts a member already gone as removed ('absent'), and tells of a revocation as such", async () => {
    const w = setup(endingGrant('added', 'revoked'));
    w.directory.members.clear();
    expect(await w.run()).toMatchObject({ status: 'ended', outcome: 'absent' });
    expect(w.jobs.map((j) => j.payload)).toEqual([{ requestId: w.id, kind: 'revoked' }]);
  });

  it('leaves alone access granted outside Vigie: its end is recorded, the directory untouched', async () => {
    const w = setup(endingGrant('already'));
    expect(await w.run()).toMatchObject({ status: 'ended', outcome: 'left-alone' });
    expect(w.directory.writes).toEqual([]);
    expect(w.directory.holds(w.original)).toBe(true);
    expect(w.trail.actions).toEqual(['access-grant.left-alone']);
  });

  it('does nothing for a grant that is not removing (a job delivered twice)', async () => {
    const w = setup();
    await w.run();
    expect(await w.run()).toEqual({ requestId: w.id, status: 'ended', outcome: null });
    expect(w.directory.writes).toHaveLength(1);
    expect(w.trail.actions).toHaveLength(1);
  });

  it('throws unavailable while the directory is down, and when the read-back still finds the member', async () => {
    const w = setup();
    w.directory.down = true;
    await expect(w.run()).rejects.toMatchObject({ kind: 'unavailable' });
    w.directory.down = false;
    w.directory.forget = true;
    await expect(w.run()).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('still a member') });
    expect(w.request(w.id).grant?.status).toBe('removing');
    expect(w.trail.actions).toEqual([]);
    w.directory.forget = false;
    expect(await w.run()).toMatchObject({ outcome: 'removed' });
  });

  it('keeps a removal the directory refuses failed, with its error, and fails the job', async () => {
    const w = setup();
    w.directory.refuse = 'forbidden';
    await expect(w.run()).rejects.toMatchObject({ kind: 'forbidden' });
    expect(w.request(w.id).grant).toMatchObject({ status: 'failed', lastError: expect.stringContaining('insufficientAccessRights') });
    expect(w.trail.inputs.map((i) => [i.action, (i.after as { operation: string }).operation])).toEqual([['access-grant.provisioning-failed', 'remove']]);
    expect(w.jobs.map((j) => j.payload)).toEqual([{ requestId: w.id, kind: 'provisioning-failed' }]);
  });
});

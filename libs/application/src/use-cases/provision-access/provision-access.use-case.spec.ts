import { VigieError } from '#vigie/common';
import { REQUEST_QUEUES, ending } from '#vigie/requests';
import { anApprovedRequest } from '#vigie/requests/testing';
import { accessRequestsWorld, FakeDirectoryWriter, parsedBy, refusalsOf } from '../../testing/index.js';
import { ProvisionAccess } from './provision-access.use-case.js';

describe(ProvisionAccess.name, () => {
  const now = new Date('2026-12-03T10:00:00Z');
  const input = ProvisionAccess.definition.input;

  const setup = (request = anApprovedRequest({ durationDays: 30 })) => {
    const world = accessRequestsWorld(request);
    const directory = new FakeDirectoryWriter();
    const sut = new ProvisionAccess(world.uow, directory, () => now);
    const run = () => sut.execute(parsedBy(input, { requestId: request.id }));
    return { ...world, directory, sut, run, id: request.id, original: request };
  };

  it('is a job of the system only (no ability: no token, no person runs it)', () => {
    expect(ProvisionAccess.definition).toEqual({ name: 'provision-access', input });
    expect(refusalsOf(input, { requestId: 'x' })).toEqual(['requestId: not a request id (a UUID)']);
  });

  it('adds the membership, reads it back, and marks the grant active with its end, in the trail, telling people', async () => {
    const w = setup();
    expect(await w.run()).toEqual({ requestId: w.id, status: 'active', outcome: 'added' });
    expect(w.directory.holds(w.original)).toBe(true);
    expect(w.request(w.id).grant).toMatchObject({ status: 'active', provisioned: 'added', startsAt: now, endsAt: new Date('2027-01-02T10:00:00Z') });
    expect(w.trail.actions).toEqual(['access-grant.provisioned']);
    expect(w.trail.inputs[0]).toMatchObject({
      target: { type: 'access-request', id: w.id },
      after: { outcome: 'added', directoryAnswer: 'added', groupDn: 'cn=Finance,ou=groups,dc=acme,dc=test' },
      subjects: [{ login: 'erin', directory: 'corp' }],
    });
    expect(w.jobs.map((j) => [j.name, j.payload])).toEqual([[REQUEST_QUEUES.notify, { requestId: w.id, kind: 'provisioned' }]]);
    expect(w.jobs[0].options?.singletonKey).toBe(`notify:${w.id}:provisioned:${w.request(w.id).version}`);
  });

  it('does nothing for a grant that is no longer provisioning (a job delivered twice)', async () => {
    const w = setup();
    await w.run();
    const writes = w.directory.writes.length;
    expect(await w.run()).toEqual({ requestId: w.id, status: 'active', outcome: null });
    expect(w.directory.writes).toHaveLength(writes);
    expect(w.trail.actions).toEqual(['access-grant.provisioned']);
  });

  it("takes a member already there for access granted outside Vigie ('already'), without writing", async () => {
    const w = setup();
    w.directory.grant(w.original);
    expect(await w.run()).toMatchObject({ outcome: 'already' });
    expect(w.directory.writes).toEqual([]);
    expect(w.request(w.id).grant).toMatchObject({ status: 'active', provisioned: 'already' });
  });

  it("counts its own earlier write as 'added' when the worker died between the write and its commit", async () => {
    const w = setup();
    // The first try marks the attempt and writes; then its process goes (nothing after the write is trail).
    const dying = Object.assign(Object.create(w.directory), {
      addMember: async (d: string, g: string, m: string) => {
        await w.directory.addMember(d, g, m);
        throw new VigieError('unavailable', 'the worker was killed');
      },
    });
    await expect(new ProvisionAccess(w.uow, dying, () => now).execute({ requestId: w.id })).rejects.toThrow('killed');
    expect(w.request(w.id).grant).toMatchObject({ status: 'provisioning', attempted: true });
    expect(w.directory.holds(w.original)).toBe(true);
    // The job again, on another replica: the member it finds is its own.
    expect(await w.run()).toMatchObject({ status: 'active', outcome: 'added' });
    expect(w.directory.writes).toHaveLength(1);
    expect(w.request(w.id).grant?.provisioned).toBe('added');
  });

  it("counts 'already' from the server as success when the member appeared between the read and the write", async () => {
    const w = setup();
    const sneaky = Object.assign(Object.create(w.directory), {
      addMember: async (d: string, g: string, m: string) => {
        w.directory.grant(w.original);
        return w.directory.addMember(d, g, m);
      },
    });
    const r = await new ProvisionAccess(w.uow, sneaky, () => now).execute({ requestId: w.id });
    expect(r).toMatchObject({ status: 'active', outcome: 'added' });
    expect(w.trail.inputs[0].after).toMatchObject({ directoryAnswer: 'already' });
  });

  it('throws unavailable while the directory is down, changing nothing, then provisions once it is back', async () => {
    const w = setup();
    w.directory.down = true;
    await expect(w.run()).rejects.toMatchObject({ kind: 'unavailable' });
    expect(w.request(w.id).grant).toMatchObject({ status: 'provisioning', lastError: 'corp: cannot reach ldap://127.0.0.1:1' });
    expect(w.trail.actions).toEqual([]);
    w.directory.down = false;
    expect(await w.run()).toMatchObject({ status: 'active', outcome: 'added' });
    expect(w.request(w.id).grant?.lastError).toBeNull();
  });

  it('throws unavailable when the read-back does not find the member, to be tried again', async () => {
    const w = setup();
    w.directory.forget = true;
    await expect(w.run()).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('read back') });
    expect(w.request(w.id).grant).toMatchObject({ status: 'provisioning', attempted: true });
  });

  it('keeps a grant the directory refuses failed, with its error, in the trail, tells the administrators, and fails the job', async () => {
    const w = setup();
    w.directory.refuse = 'forbidden';
    await expect(w.run()).rejects.toMatchObject({ kind: 'forbidden' });
    expect(w.request(w.id).grant).toMatchObject({ status: 'failed', lastError: expect.stringContaining('insufficientAccessRights') });
    expect(w.trail.actions).toEqual(['access-grant.provisioning-failed']);
    expect(w.trail.inputs[0].after).toMatchObject({ operation: 'add', kind: 'forbidden' });
    expect(w.jobs.map((j) => j.payload)).toEqual([{ requestId: w.id, kind: 'provisioning-failed' }]);
  });

  it('writes nothing when the grant was revoked before its first write', async () => {
    const w = setup();
    const sut = new ProvisionAccess(w.uow, w.directory, () => now);
    // Read as provisioning, then revoked before the attempt is marked.
    const isMember = w.directory.isMember.bind(w.directory);
    (sut as unknown as { directory: object }).directory = Object.assign(Object.create(w.directory), {
      isMember: async (d: string, g: string, m: string) => {
        w.store.rows.set(w.id, ending(w.request(w.id), 'revoked', 'system:cli', 'asked by mistake', now));
        return isMember(d, g, m);
      },
    });
    expect(await sut.execute({ requestId: w.id })).toEqual({ requestId: w.id, status: 'removing', outcome: null });
    expect(w.directory.writes).toEqual([]);
  });

  it('takes its write back when the grant was revoked while the write was under way', async () => {
    const w = setup();
    const slow = Object.assign(Object.create(w.directory), {
      addMember: async (d: string, g: string, m: string) => {
        // Revoked, and the removal job done (it found nothing to remove), before this write lands.
        w.store.rows.set(w.id, { ...ending(w.request(w.id), 'revoked', 'system:cli', 'asked by mistake', now) });
        w.store.rows.set(w.id, { ...w.request(w.id), grant: { ...w.request(w.id).grant!, status: 'ended' } });
        return w.directory.addMember(d, g, m);
      },
    });
    expect(await new ProvisionAccess(w.uow, slow, () => now).execute({ requestId: w.id })).toEqual({ requestId: w.id, status: 'ended', outcome: null });
    expect(w.directory.holds(w.original)).toBe(false);
    expect(w.trail.inputs.map((i) => [i.action, (i.after as { outcome: string }).outcome])).toEqual([['access-grant.removed', 'removed']]);
  });

  it('fails the job for a request that does not exist', async () => {
    const w = setup();
    await expect(w.sut.execute({ requestId: '0b7c4f6e-1d2a-4c3b-9e8f-0000000000ff' })).rejects.toMatchObject({ kind: 'not-found' });
  });
});

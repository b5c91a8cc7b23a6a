import { REQUEST_QUEUES, provisioned } from '#vigie/requests';
import { anAccessRequest, anApprovedRequest } from '#vigie/requests/testing';
import { accessRequestsWorld } from '../../testing/index.js';
import { SweepAccessRequests } from './sweep-access-requests.use-case.js';

describe(SweepAccessRequests.name, () => {
  const created = new Date('2026-12-01T09:00:00Z');
  const hours = (n: number) => new Date(created.getTime() + n * 3_600_000);
  const settings = { reminderHours: 48, escalationHours: 120 };
  const id = (n: number) => `0b7c4f6e-1d2a-4c3b-9e8f-00000000000${n}`;

  const setup = (at: Date, ...requests: Parameters<typeof accessRequestsWorld>) => {
    const world = accessRequestsWorld(...requests);
    const sut = new SweepAccessRequests(
      world.uow,
      async () => settings,
      () => at,
    );
    return { ...world, sut };
  };

  it('is a scheduled job of the system only', () => {
    expect(SweepAccessRequests.definition).toEqual({ name: 'sweep-access-requests', input: SweepAccessRequests.definition.input });
  });

  it('hands a grant past its end to the removal job, once, in the trail', async () => {
    const active = provisioned(anApprovedRequest({ durationDays: 1 }, { id: id(1) }), 'added', hours(30));
    const kept = provisioned(anApprovedRequest({ durationDays: 30 }, { id: id(2) }), 'added', hours(30));
    const w = setup(hours(60), active, kept);
    expect(await w.sut.execute()).toEqual({ ending: 1, expired: 0, reminded: 0, escalated: 0 });
    expect(w.request(id(1)).grant).toMatchObject({ status: 'removing', endReason: 'expired' });
    expect(w.request(id(2)).grant?.status).toBe('active');
    expect(w.trail.actions).toEqual(['access-grant.ending']);
    expect(w.jobs).toEqual([{ name: REQUEST_QUEUES.remove, payload: { requestId: id(1) }, options: { singletonKey: `remove:${id(1)}` } }]);
    expect(await w.sut.execute()).toEqual({ ending: 0, expired: 0, reminded: 0, escalated: 0 });
    expect(w.jobs).toHaveLength(1);
  });

  it('expires a request undecided past its decideBy, telling people', async () => {
    const pending = anAccessRequest({ id: id(3), createdAt: created, decideBy: hours(24) });
    const w = setup(hours(25), pending);
    expect(await w.sut.execute()).toMatchObject({ expired: 1, reminded: 0 });
    expect(w.request(id(3))).toMatchObject({ status: 'expired', closedAt: hours(25), currentStage: null });
    expect(w.trail.actions).toEqual(['access-request.expired']);
    expect(w.jobs.map((j) => j.payload)).toEqual([{ requestId: id(3), kind: 'expired' }]);
  });

  it('reminds a waiting stage once, then escalates it once to the security officer', async () => {
    const pending = anAccessRequest({ id: id(4), createdAt: created });
    const w = setup(hours(50), pending);
    expect(await w.sut.execute()).toMatchObject({ reminded: 1, escalated: 0 });
    expect(await w.sut.execute()).toMatchObject({ reminded: 0, escalated: 0 });
    const later = new SweepAccessRequests(
      w.uow,
      async () => settings,
      () => hours(121),
    );
    expect(await later.execute()).toMatchObject({ reminded: 0, escalated: 1 });
    expect(w.request(id(4)).stages[0]).toMatchObject({ remindedAt: hours(50), escalatedAt: hours(121) });
    expect(w.trail.actions).toEqual(['access-request.reminded', 'access-request.escalated']);
    expect(w.jobs.map((j) => (j.payload as { kind: string }).kind)).toEqual(['reminder', 'escalated']);
    expect(new Set(w.jobs.map((j) => j.options?.singletonKey)).size).toBe(2);
  });

  it('is not starved by stages already reminded and waiting for their escalation: a full batch of them leaves room for the due one', async () => {
    const reminded = Array.from({ length: 250 }, (_, i) => {
      const r = anAccessRequest({ level: `level-${i}`, createdAt: created });
      return { ...r, stages: [{ ...r.stages[0]!, remindedAt: hours(48) }, ...r.stages.slice(1)] };
    });
    // Opened later than all of them, and decided later: the last in any order the store could give.
    const due = anAccessRequest({ id: id(6), createdAt: hours(1), decideBy: hours(400) });
    const w = setup(hours(60), ...reminded, due);
    expect(await w.sut.execute()).toMatchObject({ reminded: 1, escalated: 0 });
    expect(w.request(id(6)).stages[0]!.remindedAt).toEqual(hours(60));
    expect(w.trail.actions).toEqual(['access-request.reminded']);
  });

  it('leaves a request another replica settled alone (checked again under the lock)', async () => {
    const w = setup(hours(50), anAccessRequest({ id: id(5), createdAt: created }));
    const other = new SweepAccessRequests(
      w.uow,
      async () => settings,
      () => hours(50),
    );
    let raced = false;
    // This replica reads the list; the other sweeps the same request before this one locks it.
    const racing: typeof w.uow = Object.assign(Object.create(w.uow), {
      run: async <T>(work: Parameters<typeof w.uow.run<T>>[0]) => {
        const result = await w.uow.run(work);
        if (!raced && Array.isArray(result) && result.length) {
          raced = true;
          await other.execute();
        }
        return result;
      },
    });
    expect(
      await new SweepAccessRequests(
        racing,
        async () => settings,
        () => hours(50),
      ).execute(),
    ).toMatchObject({ reminded: 0 });
    expect(raced).toBe(true);
    expect(w.trail.actions).toEqual(['access-request.reminded']);
    expect(w.jobs).toHaveLength(1);
  });
});

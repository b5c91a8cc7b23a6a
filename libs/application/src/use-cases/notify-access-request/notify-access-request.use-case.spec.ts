import { VigieError } from '#vigie/common';
import { type AccessRequest, type Delegation, type PersonRef, type RequestNotice, type RequestNoticeKind, RequestNotifier } from '#vigie/requests';
import { aPersonRef, anAccessRequest, aStage } from '#vigie/requests/testing';
import { parsedBy, refusalsOf } from '../../testing/index.js';
import { NotifyAccessRequest } from './notify-access-request.use-case.js';

class RecordingNotifier extends RequestNotifier {
  readonly notices: RequestNotice[] = [];
  constructor(private readonly failed: Array<{ channel: string; reason: string }> = []) {
    super();
  }
  async notify(notice: RequestNotice) {
    this.notices.push(notice);
    return { sent: this.failed.length ? [] : ['smtp', 'webhook'], failed: this.failed };
  }
}

describe(NotifyAccessRequest.name, () => {
  const input = NotifyAccessRequest.definition.input;
  const now = new Date('2026-12-08T12:00:00Z');
  const mark = aPersonRef('mark', { name: 'Mark Lenoir', mail: 'mark.lenoir@acme.test' });
  const deputy = aPersonRef('glambert', { mail: 'gilles.lambert@acme.test' });
  const delegation = (more: Partial<Delegation>): Delegation => ({
    id: 'd1',
    delegator: mark.key,
    deputy,
    from: new Date('2026-12-01T00:00:00Z'),
    until: new Date('2026-12-20T00:00:00Z'),
    createdBy: mark.key,
    createdAt: new Date('2026-11-30T00:00:00Z'),
    revokedAt: null,
    ...more,
  });

  const world = (
    request: AccessRequest | null,
    more: { delegations?: Delegation[]; failed?: Array<{ channel: string; reason: string }>; publicUrl?: string | null } = {},
  ) => {
    const notifier = new RecordingNotifier(more.failed);
    const looked: string[][] = [];
    const directory: PersonRef[] = [mark];
    const sut = new NotifyAccessRequest({
      requests: {
        get: async (id) => (request && id === request.id ? request : null),
        delegationsFrom: async (key) => (more.delegations ?? []).filter((d) => d.delegator === key),
      },
      people: async (keys) => (looked.push([...keys]), directory.filter((p) => keys.includes(p.key))),
      notifier,
      publicUrl: more.publicUrl === undefined ? 'https://vigie.acme.test/' : more.publicUrl,
      now: () => now,
    });
    return { sut, notifier, looked };
  };
  const run = (sut: NotifyAccessRequest, request: AccessRequest, kind: RequestNoticeKind) => sut.execute(parsedBy(input, { requestId: request.id, kind }));

  it('is for the worker only (no ability: no token nor person may run it)', () => {
    expect(NotifyAccessRequest.definition).toEqual({ name: 'notify-access-request', input });
  });

  it('refuses a payload that is not a request id and a kind of notice', () => {
    expect(refusalsOf(input, { requestId: 'x', kind: 'approved' })).toEqual(['requestId: not a request id (a UUID)']);
    expect(refusalsOf(input, { requestId: anAccessRequest().id, kind: 'granted' })[0]).toMatch(/^kind: expected one of submitted, awaiting-decision/);
  });

  it("asks the current stage's approver, found in the snapshots, with the link to the request", async () => {
    const request = anAccessRequest();
    const { sut, notifier, looked } = world(request);
    expect(await run(sut, request, 'awaiting-decision')).toEqual({
      requestId: request.id,
      kind: 'awaiting-decision',
      told: 1,
      withoutMail: 0,
      securityOfficer: false,
      sent: ['smtp', 'webhook'],
      skipped: null,
    });
    expect(looked).toEqual([[mark.key]]);
    expect(notifier.notices).toEqual([
      { kind: 'awaiting-decision', request, recipients: [mark], securityOfficer: false, link: `https://vigie.acme.test/requests/${request.id}` },
    ]);
  });

  it('tells the deputies the approver named for today too, not an ended, revoked or future delegation', async () => {
    const request = anAccessRequest();
    const delegations = [
      delegation({}),
      delegation({ id: 'd2', deputy: aPersonRef('revoked'), revokedAt: new Date('2026-12-05T00:00:00Z') }),
      delegation({ id: 'd3', deputy: aPersonRef('later'), from: new Date('2026-12-15T00:00:00Z') }),
    ];
    const { sut, notifier } = world(request, { delegations });
    await run(sut, request, 'reminder');
    expect(notifier.notices[0]!.recipients).toEqual([mark, deputy]);
  });

  it('counts an approver the snapshots no longer hold as nobody to mail, and sends no link without a public URL', async () => {
    const request = anAccessRequest({ currentStage: 1, stages: [aStage('manager', [mark]), aStage('owner', [aPersonRef('olga')])] });
    const { sut, notifier } = world(request, { publicUrl: null });
    expect(await run(sut, request, 'awaiting-decision')).toMatchObject({ told: 0, sent: ['smtp', 'webhook'] });
    expect(notifier.notices[0]).toMatchObject({ recipients: [], securityOfficer: false, link: null });
  });

  it('tells the requester and the beneficiary of an outcome, as the request names them', async () => {
    const request = anAccessRequest({ status: 'rejected', currentStage: null, beneficiary: aPersonRef('paul', { mail: null }) });
    const { sut, notifier, looked } = world(request);
    expect(await run(sut, request, 'rejected')).toMatchObject({ told: 2, withoutMail: 1, securityOfficer: false });
    expect(notifier.notices[0]!.recipients).toEqual([request.requester, request.beneficiary]);
    expect(looked).toEqual([]);
  });

  it('sends an escalation to the security officer', async () => {
    const request = anAccessRequest();
    const { sut, notifier } = world(request);
    expect(await run(sut, request, 'escalated')).toMatchObject({ told: 0, securityOfficer: true });
    expect(notifier.notices[0]).toMatchObject({ kind: 'escalated', recipients: [], securityOfficer: true });
  });

  it('sends nothing when the request no longer waits for the decision the notice asks for', async () => {
    const request = anAccessRequest({ status: 'cancelled', currentStage: null });
    const { sut, notifier } = world(request);
    expect(await run(sut, request, 'reminder')).toMatchObject({ sent: [], skipped: 'the request is cancelled: nobody is asked to decide' });
    expect(notifier.notices).toEqual([]);
  });

  it("fails as 'unavailable' when a channel did not take it, so that the queue tries again", async () => {
    const request = anAccessRequest();
    const { sut } = world(request, { failed: [{ channel: 'smtp', reason: 'connect ECONNREFUSED 127.0.0.1:25' }] });
    const error = await run(sut, request, 'awaiting-decision').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VigieError);
    expect(error).toMatchObject({
      kind: 'unavailable',
      message: `the awaiting-decision notice of access request ${request.id} was not sent on smtp (connect ECONNREFUSED 127.0.0.1:25); the job will try again`,
    });
  });

  it("fails at once ('not-found') for a request that does not exist: no retry makes it appear", async () => {
    const { sut, notifier } = world(null);
    await expect(sut.execute(parsedBy(input, { requestId: anAccessRequest().id, kind: 'approved' }))).rejects.toMatchObject({ kind: 'not-found' });
    expect(notifier.notices).toEqual([]);
  });
});

import { aDelegation, aPersonRef, aStage, anAccessRequest } from '#vigie/requests/testing';
import { aCliOperator, aPersonActor, aTokenActor, accessRequestsWorld, contextOf, parsedBy } from '../../testing/index.js';
import { ListAccessRequests } from './list-access-requests.use-case.js';

const NOW = new Date('2026-12-03T10:00:00Z');
const [mark, olga, paul, sam] = ['mark', 'olga', 'paul', 'sam'].map((l) => aPersonRef(l));
const input = ListAccessRequests.definition.input;
const at = (h: number) => new Date(Date.UTC(2026, 11, 1, h));

describe(ListAccessRequests.name, () => {
  const erinsOwn = anAccessRequest({ createdAt: at(9) });
  const paulsAtOwner = anAccessRequest({
    requester: paul!,
    createdAt: at(10),
    currentStage: 1,
    stages: [aStage('manager', [mark!]), aStage('owner', [olga!], { openedAt: at(11) })],
  });
  const atOfficer = anAccessRequest({ requester: paul!, createdAt: at(12), stages: [aStage('security-officer', [], { openedAt: at(12) })] });
  const elsewhere = { ...anAccessRequest({ requester: sam!, createdAt: at(13) }), beneficiaryManager: null, resourceOwners: [], stages: [aStage('owner', [])] };
  const world = () => {
    const w = accessRequestsWorld(erinsOwn, paulsAtOwner, atOfficer, elsewhere);
    return { ...w, sut: new ListAccessRequests(w.store, w.people, () => NOW) };
  };
  const ids = async (sut: ListAccessRequests, actor: Parameters<typeof contextOf>[0], args: Record<string, unknown>) =>
    (await sut.execute(parsedBy(input, args), contextOf(actor))).items.map((r) => r.id);

  it('reads requests, each checked against the caller’s conditions', () => {
    expect(ListAccessRequests.definition).toEqual({ name: 'list-access-requests', input, ability: ['read', 'AccessRequest'], checksConditions: true });
  });

  it('shows every request to the roles that read them all, newest first, with the filters given', async () => {
    const { sut } = world();
    expect(await ids(sut, aTokenActor('auditor'), {})).toEqual([elsewhere.id, atOfficer.id, paulsAtOwner.id, erinsOwn.id]);
    expect(await ids(sut, aCliOperator(), { status: 'pending', resource: 'group:finance', limit: '2' })).toEqual([elsewhere.id, atOfficer.id]);
  });

  it('shows others only the requests that involve them, as their roles allow', async () => {
    const { sut } = world();
    expect(await ids(sut, aPersonActor('erin', ['employee']), {})).toEqual([erinsOwn.id]);
    expect(await ids(sut, aPersonActor('olga', ['approver']), {})).toEqual([atOfficer.id, paulsAtOwner.id, erinsOwn.id]);
    // Olga owns the resource but, without the approver role, reads none of it.
    expect(await ids(sut, aPersonActor('olga', ['employee']), {})).toEqual([]);
  });

  it('lists mine: made by me or for me', async () => {
    const { sut } = world();
    expect(await ids(sut, aPersonActor('paul', ['employee']), { view: 'mine' })).toEqual([atOfficer.id, paulsAtOwner.id]);
    expect(await ids(sut, aCliOperator(), { view: 'mine', as: 'erin' })).toEqual([erinsOwn.id]);
  });

  it('lists what waits for my decision, my delegators’ stages included, and every security-officer stage for a security officer', async () => {
    const { sut, store } = world();
    expect(await ids(sut, aPersonActor('mark', ['approver']), { view: 'to-decide' })).toEqual([erinsOwn.id]);
    expect(await ids(sut, aPersonActor('sam', ['approver']), { view: 'to-decide' })).toEqual([]);
    await store.insertDelegation(aDelegation(olga!, sam!, at(0), new Date('2026-12-10T00:00:00Z')));
    expect(await ids(sut, aPersonActor('sam', ['approver']), { view: 'to-decide' })).toEqual([paulsAtOwner.id]);
    expect(await ids(sut, aPersonActor('sofia', ['security-officer']), { view: 'to-decide' })).toEqual([atOfficer.id]);
  });

  it('needs a person for mine and to-decide: a token has none, the command line names one', async () => {
    const { sut } = world();
    await expect(ids(sut, aTokenActor('security-officer'), { view: 'to-decide' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(ids(sut, aCliOperator(), { view: 'mine' })).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});

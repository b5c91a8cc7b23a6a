import { personKey } from '#vigie/access-control';
import type { Policy } from '#vigie/policy';
import { aCliOperator, aPersonActor, aTokenActor, contextOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { acmeSnapshot, anEmployee, requestingWorld } from '../../testing/requesting.world.js';
import { CreateAccessRequest } from './create-access-request.use-case.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const key = (login: string, directory = 'corp') => personKey({ directory, dn: `uid=${login},ou=people,dc=acme,dc=test` });
const input = CreateAccessRequest.definition.input;
const financeWrite = { resource: 'share-finance', level: 'write', justification: 'quarter-end closing with the auditors' };
const withRequests =
  (requests: NonNullable<Policy['settings']['requests']>) =>
  (p: Policy): Policy => ({ ...p, settings: { ...p.settings, requests } });

async function world(options: Parameters<typeof requestingWorld>[0] = {}) {
  const w = await requestingWorld(options);
  let n = 0;
  const sut = new CreateAccessRequest(
    w.sources,
    w.uow,
    () => NOW,
    () => `00000000-0000-4000-8000-00000000000${++n}`,
  );
  const ask = (login: string, more: Record<string, unknown> = {}, roles: Parameters<typeof aPersonActor>[1] = ['employee']) =>
    sut.execute(parsedBy(input, { ...financeWrite, ...more }), contextOf(aPersonActor(login, roles)));
  return { ...w, sut, ask };
}

describe(CreateAccessRequest.name, () => {
  it('is for people who may ask, each request checked against its facts', () => {
    expect(CreateAccessRequest.definition).toEqual({ name: 'create-access-request', input, ability: ['create', 'AccessRequest'], checksConditions: true });
    expect(refusalsOf(input, { ...financeWrite, justification: 'pls' })).toEqual(['justification: say why, in at least 10 characters: the approvers read it']);
  });

  it('creates the request, its trail entry and the first approvers notice in one unit of work', async () => {
    const { ask, store, trail, jobs, uow } = await world();
    const request = await ask('erin');
    expect(request).toMatchObject({
      requester: { key: key('erin'), login: 'erin' },
      beneficiary: { key: key('erin'), employeeId: 'E2002' },
      beneficiaryManager: key('mark'),
      resource: { id: 'share-finance', criticality: 'critical', privileged: false, owner: 'E1002' },
      resourceOwners: [key('olga')],
      target: { directory: 'corp', groupDn: 'CN=DL_Finance_RW,OU=Groups,DC=acme,DC=test', memberDn: 'uid=erin,ou=people,dc=acme,dc=test' },
      durationDays: 30,
      policyWarning: null,
      status: 'pending',
      currentStage: 0,
      decideBy: new Date('2026-12-21T10:00:00Z'),
    });
    expect(request.stages.map((s) => [s.kind, s.approvers, s.openedAt])).toEqual([
      ['manager', [key('mark')], NOW],
      ['owner', [key('olga')], null],
      ['security-officer', [], null],
    ]);
    expect(uow.counts).toMatchObject({ runs: 1, commits: 1 });
    expect(store.rows.get(request.id)).toEqual(request);
    expect(trail.inputs).toEqual([expect.objectContaining({ action: 'access-request.created', target: { type: 'access-request', id: request.id } })]);
    expect(jobs).toEqual([
      {
        name: 'access.notify',
        payload: { requestId: request.id, kind: 'awaiting-decision' },
        options: { singletonKey: `notify:${request.id}:awaiting-decision:1` },
      },
    ]);
  });

  it('lets a manager ask for a report (the directory names them), the manager stage then decided by the security officer', async () => {
    const { ask } = await world();
    const request = await ask('mark', { for: 'erin' });
    expect(request.requester.key).toBe(key('mark'));
    expect(request.stages.map((s) => s.kind)).toEqual(['owner', 'security-officer']);
    expect(request.stages[1].note).toMatch(/the manager asked/);
  });

  it('refuses to ask for someone who does not report to the caller, a token, and the command line that names nobody', async () => {
    const { sut, ask } = await world();
    await expect(ask('rita', { for: 'erin' })).rejects.toMatchObject({ kind: 'forbidden', message: expect.stringMatching(/not name you as erin's manager/) });
    await expect(sut.execute(parsedBy(input, financeWrite), contextOf(aTokenActor('employee')))).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringMatching(/automation asks for nothing/),
    });
    await expect(sut.execute(parsedBy(input, { ...financeWrite, for: 'erin' }), contextOf(aCliOperator()))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/--as <login>/),
    });
  });

  it('takes the person the command line names (as) as the requester', async () => {
    const { sut } = await world();
    const request = await sut.execute(parsedBy(input, { ...financeWrite, as: 'erin' }), contextOf(aCliOperator()));
    expect([request.requester.key, request.beneficiary.key]).toEqual([key('erin'), key('erin')]);
  });

  it('refuses a login found in two directories until the directory is named', async () => {
    const { sut } = await world({ snapshots: [acmeSnapshot('corp'), acmeSnapshot('lyon')] });
    await expect(sut.execute(parsedBy(input, { ...financeWrite, as: 'mark', for: 'erin' }), contextOf(aCliOperator()))).rejects.toMatchObject({
      kind: 'conflict',
      message: 'the login mark (the requester) exists in several directories (corp, lyon): name the directory',
    });
    const request = await sut.execute(parsedBy(input, { ...financeWrite, as: 'mark', for: 'erin', directory: 'lyon' }), contextOf(aCliOperator()));
    expect(request.target.directory).toBe('lyon');
  });

  it('refuses a second open request, and access already held, saying how', async () => {
    const { ask } = await world();
    const first = await ask('erin');
    await expect(ask('erin')).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining(`already has request ${first.id} (pending)`) });
    await expect(ask('rita', { resource: 'share-rh' })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(
        /^rita already reaches write on \\\\fs01\\RH through rita ∈ GG_RH \(direct\), GG_RH ∈ DL_RH_RW \(nested\), DL_RH_RW grants write: there is nothing to ask for$/,
      ),
    });
  });

  it("refuses what the access rules do not allow, with the rule's reason", async () => {
    const { ask, store } = await world();
    await expect(ask('erin', { resource: 'share-commercial' })).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringMatching(/the policy does not allow it for erin: no access rule allows write on share-commercial .*deny by default/),
    });
    expect(store.rows.size).toBe(0);
  });

  it('sends it to the security officer with the warning where the policy takes exceptions', async () => {
    const { ask } = await world({ policy: withRequests({ exceptions: 'security-officer' }) });
    const request = await ask('erin', { resource: 'share-commercial' });
    expect(request.policyWarning).toMatch(/no access rule allows write on share-commercial/);
    // Commercial's owner (E1004) has no account here: the security officer decides that stage too, once.
    expect(request.stages.map((s) => s.kind)).toEqual(['manager', 'security-officer']);
    expect(request.stages[1].note).toMatch(/owner has no account/);
  });

  it('refuses an SoD conflict reachable only through nesting, naming the rule and the path', async () => {
    const { ask, store } = await world();
    const refused = ask('paul');
    await expect(refused).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('would break SoD rule payroll-and-payments') });
    await expect(refused).rejects.toMatchObject({ message: expect.stringMatching(/paul ∈ GG_Paie \(direct\).*GG_Paie ∈ GG_RH/) });
    expect(store.rows.size).toBe(0);
  });

  it('refuses permanent access and lengths the criticality does not allow', async () => {
    const { ask } = await world();
    await expect(ask('erin', { permanent: true })).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/cannot be asked for/) });
    await expect(ask('erin', { days: 120 })).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/at most 90 days/) });
  });

  it('refuses what is not in the catalogue, and a level the resource does not grant', async () => {
    const { ask } = await world();
    await expect(ask('erin', { resource: 'share-nowhere' })).rejects.toMatchObject({ kind: 'not-found' });
    await expect(ask('erin', { level: 'admin' })).rejects.toMatchObject({
      kind: 'invalid-input',
      message: 'share-finance cannot be asked for at level admin: ask for read or write',
    });
  });

  it('refuses access for a disabled account', async () => {
    const { ask } = await world({
      snapshots: [acmeSnapshot('corp', [anEmployee('gone', { enabled: false, managerDn: 'uid=mark,ou=people,dc=acme,dc=test' })])],
    });
    await expect(ask('mark', { for: 'gone' })).rejects.toMatchObject({
      kind: 'conflict',
      message: "gone's account is disabled in corp: access is granted to enabled accounts only",
    });
  });

  it('refuses when the beneficiary is in no synchronised snapshot', async () => {
    const { ask } = await world({ snapshots: [acmeSnapshot('corp', [anEmployee('nina')])] });
    await expect(ask('erin', { for: 'nobody' })).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/no account has the login nobody/),
    });
  });
});

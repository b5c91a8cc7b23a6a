import type { Policy } from '#vigie/policy';
import { aCliOperator, aPersonActor, aTokenActor, contextOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { acmeSnapshot, requestingWorld } from '../../testing/requesting.world.js';
import { CreateAccessRequest } from '../create-access-request/create-access-request.use-case.js';
import { AccessCatalogue } from './access-catalogue.use-case.js';

const input = AccessCatalogue.definition.input;
const vpn = (p: Policy): Policy => ({
  ...p,
  settings: { ...p.settings, requests: { groups: [{ group: 'GG_Paie', description: 'Prepare the payroll', owner: 'E2004', criticality: 'high' }] } },
});

async function world(policy?: (p: Policy) => Policy, snapshots = [acmeSnapshot()]) {
  const w = await requestingWorld({ policy, snapshots });
  const sut = new AccessCatalogue(w.sources, w.uow);
  const catalogueOf = async (login: string, more: Record<string, unknown> = {}) =>
    sut.execute(parsedBy(input, more), contextOf(aPersonActor(login, ['employee'])));
  return { ...w, sut, catalogueOf };
}

describe(AccessCatalogue.name, () => {
  it('is for people who may ask, for themselves or their reports', () => {
    expect(AccessCatalogue.definition).toEqual({ name: 'access-catalogue', input, ability: ['create', 'AccessRequest'], checksConditions: true });
    expect(refusalsOf(input, { for: '' })).toEqual(['for: Too small: expected string to have >=1 characters']);
  });

  it('lists each requestable resource at each level it grants, with its meaning, chain, durations and the policy decision', async () => {
    const { catalogueOf } = await world();
    const entries = await catalogueOf('erin');
    expect(entries.map((e) => `${e.resource.id}/${e.level}`)).toEqual(
      expect.arrayContaining(['share-finance/read', 'share-finance/write', 'share-rh/write', 'workstations-all/local-admin']),
    );
    expect(entries.find((e) => e.resource.id === 'share-finance' && e.level === 'write')).toEqual({
      resource: { id: 'share-finance', name: '\\\\fs01\\Finance', type: 'share', criticality: 'critical', privileged: false, owner: 'E1002' },
      level: 'write',
      meaning: 'read, create and change the files of \\\\fs01\\Finance',
      allowedByPolicy: true,
      policyReason: expect.stringMatching(
        /^allowed by access rule "Finance reads and writes the Finance share \(record RT-001\)" \(access-rules\/personal-data.yaml:\d+\)$/,
      ),
      exception: false,
      chain: ['manager', 'owner', 'security-officer'],
      maxDays: 90,
      defaultDays: 30,
      permanentAllowed: false,
      alreadyHeld: false,
      openRequest: null,
    });
    expect(entries.find((e) => e.resource.id === 'share-rh')).toMatchObject({
      allowedByPolicy: false,
      exception: false,
      policyReason: expect.stringMatching(/deny by default/),
    });
  });

  it('says what the beneficiary already holds and what they have asked for', async () => {
    const { catalogueOf, sources, uow } = await world();
    expect((await catalogueOf('rita')).find((e) => e.resource.id === 'share-rh')).toMatchObject({ alreadyHeld: true });
    const asked = await new CreateAccessRequest(sources, uow).execute(
      parsedBy(CreateAccessRequest.definition.input, { resource: 'share-finance', level: 'write', justification: 'quarter-end closing with the auditors' }),
      contextOf(aPersonActor('erin', ['employee'])),
    );
    const entries = await catalogueOf('erin');
    expect(entries.find((e) => e.resource.id === 'share-finance' && e.level === 'write')!.openRequest).toBe(asked.id);
    expect(entries.find((e) => e.resource.id === 'share-finance' && e.level === 'read')!.openRequest).toBeNull();
  });

  it('ends the chain with the privileged one for a group nested in a privileged group', async () => {
    const plain = (await (await world()).catalogueOf('erin')).find((e) => e.resource.id === 'workstations-all')!;
    expect(plain.resource.privileged).toBe(false);
    const nested = await world(undefined, [acmeSnapshot('corp', [], [['DL_Informatique_Admin', 'Domain Admins']])]);
    const entry = (await nested.catalogueOf('erin')).find((e) => e.resource.id === 'workstations-all')!;
    expect(entry).toMatchObject({ resource: { privileged: true }, chain: ['manager', 'owner', 'security-officer'] });
  });

  it('lists the requestable groups of the settings, and answers a manager for a report', async () => {
    const { sut } = await world(vpn);
    const entries = await sut.execute(parsedBy(input, { for: 'paul' }), contextOf(aPersonActor('mark', ['employee'])));
    expect(entries.at(-1)).toMatchObject({
      resource: { id: 'group:GG_Paie', type: 'group', criticality: 'high' },
      level: 'member',
      meaning: 'Prepare the payroll',
      allowedByPolicy: true,
      alreadyHeld: true,
      chain: ['manager', 'owner'],
    });
  });

  it('refuses a token, someone else than oneself or a report, and the command line without a beneficiary', async () => {
    const { sut, catalogueOf } = await world();
    await expect(catalogueOf('rita', { for: 'erin' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(sut.execute({}, contextOf(aTokenActor('employee')))).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(sut.execute({}, contextOf(aCliOperator()))).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/--for <login>/) });
    expect((await sut.execute({ for: 'erin' }, contextOf(aCliOperator()))).length).toBeGreaterThan(5);
  });
});

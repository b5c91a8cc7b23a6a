import type { AccountFilter, IdentityGroupsView } from '#vigie/access';
import type { FindingFilter, FindingsPage } from '#vigie/audit';
import type { HrEvent, HrEventQuery } from '#vigie/hr';
import type { AccessRequest, AccessRequestQuery } from '#vigie/requests';
import { aCliOperator, aPersonActor, aTokenActor, contextOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ShowIdentity } from './show-identity.use-case.js';

describe(ShowIdentity.name, () => {
  const input = ShowIdentity.definition.input;
  const account = (directory: string, login: string, employeeId: string | null = 'E1') => ({
    directory,
    dn: `uid=${login},ou=people,dc=acme,dc=test`,
    login,
    employeeId,
    displayName: login,
    kind: 'user',
    enabled: true,
    groups: [
      {
        name: 'finance',
        dn: 'cn=finance,ou=groups,dc=acme,dc=test',
        kind: 'group',
        how: 'direct' as const,
        via: null,
        explain: [`${login} ∈ finance (direct)`],
      },
    ],
  });
  let identity: IdentityGroupsView;
  let asked: { groups: unknown[]; findings: FindingFilter[]; requests: AccessRequestQuery[]; hr: HrEventQuery[] };
  let visible: AccountFilter | undefined;
  let sut: ShowIdentity;

  const finding = (login: string) => ({ id: `f-${login}`, rule: 'R', severity: 'high', subject: { login } }) as unknown as FindingsPage['findings'][number];
  const request = (id: string, day: number) => ({ id, createdAt: new Date(Date.UTC(2026, 0, day)) }) as AccessRequest;
  const hrEvent = (id: string, day: number) => ({ id, receivedAt: new Date(Date.UTC(2026, 0, day)) }) as HrEvent;

  beforeEach(() => {
    identity = { query: 'bob', accounts: [account('corp', 'bob'), account('corp-ad', 'bob.ad')] };
    asked = { groups: [], findings: [], requests: [], hr: [] };
    sut = new ShowIdentity(
      {
        identityGroups: async (id, options = {}) => {
          asked.groups.push([id, options.directory]);
          visible = options.visible;
          return identity;
        },
      },
      {
        current: async (filter): Promise<FindingsPage> => {
          asked.findings.push(filter);
          return {
            asOf: '2026-01-02T00:00:00.000Z',
            policyVersion: 'v1',
            auditRunId: 'run-1',
            total: null,
            limit: 500,
            offset: 0,
            nextCursor: null,
            findings: [finding(filter.login!)],
          };
        },
      },
      {
        list: async (query) => {
          asked.requests.push(query);
          return {
            items: query.beneficiary!.startsWith('corp:') ? [request('r1', 1), request('r3', 3)] : [request('r2', 2), request('r3', 3)],
            nextCursor: null,
          };
        },
      },
      {
        list: async (query) => {
          asked.hr.push(query);
          return { items: [hrEvent('h1', 1), hrEvent('h2', 2)], nextCursor: null };
        },
      },
    );
  });

  it('needs the ability to read access, and checks the caller’s conditions itself', () => {
    expect(ShowIdentity.definition).toMatchObject({ name: 'show-identity', ability: ['read', 'Access'], checksConditions: true });
  });

  it('refuses a blank identity and unknown fields', () => {
    expect(refusalsOf(input, { identity: ' ' })).toEqual(['identity: give a login, an employee id or a DN']);
    expect(refusalsOf(input, { identity: 'bob', limit: '5' })).toEqual(['unknown field(s) limit']);
  });

  it('gathers each account’s groups, findings and requests, and the person’s HR history, newest first', async () => {
    const view = await sut.execute(parsedBy(input, { identity: ' bob ', directory: 'corp' }), contextOf(aTokenActor('security-officer')));
    expect(asked.groups).toEqual([['bob', 'corp']]);
    expect(view.accounts.map((a) => [a.directory, a.login, a.groups.map((g) => g.how)])).toEqual([
      ['corp', 'bob', ['direct']],
      ['corp-ad', 'bob.ad', ['direct']],
    ]);
    expect(asked.findings).toEqual([
      { directory: 'corp', login: 'bob' },
      { directory: 'corp-ad', login: 'bob.ad' },
    ]);
    expect(view.findings).toEqual({ asOf: '2026-01-02T00:00:00.000Z', auditRunId: 'run-1', items: [finding('bob'), finding('bob.ad')] });
    expect(asked.requests).toEqual([
      { beneficiary: 'corp:uid=bob,ou=people,dc=acme,dc=test', limit: 50 },
      { beneficiary: 'corp-ad:uid=bob.ad,ou=people,dc=acme,dc=test', limit: 50 },
    ]);
    // One request can be for two accounts of the person: listed once.
    expect(view.accessRequests.map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect(asked.hr).toEqual([{ employeeId: 'E1', limit: 50 }]);
    expect(view.hrEvents?.map((e) => e.id)).toEqual(['h2', 'h1']);
    expect(view.withheld).toEqual({ hrEvents: null });
  });

  it('leaves out the HR history, saying so, for a caller who may not read HR events', async () => {
    const view = await sut.execute(parsedBy(input, { identity: 'bob' }), contextOf(aTokenActor('auditor')));
    expect(view.hrEvents).toBeNull();
    expect(view.withheld).toEqual({ hrEvents: 'the caller may not read HR events' });
    expect(asked.hr).toEqual([]);
  });

  it('asks no findings for an account without login, and no HR history without employee id', async () => {
    identity = { query: 'x', accounts: [{ ...account('corp', 'x', null), login: null }] };
    const view = await sut.execute(parsedBy(input, { identity: 'x' }), contextOf(aCliOperator()));
    expect(asked.findings).toEqual([]);
    expect(view.findings).toEqual({ asOf: null, auditRunId: null, items: [] });
    expect(view.hrEvents).toEqual([]);
  });

  it('shows every identity to staff who read everyone’s access, and an employee their own accounts only', async () => {
    await sut.execute(parsedBy(input, { identity: 'bob' }), contextOf(aPersonActor('dave', ['auditor'])));
    expect(visible).toBeUndefined();
    await sut.execute(parsedBy(input, { identity: 'bob' }), contextOf(aPersonActor('bob', ['employee'])));
    expect(visible!({ directory: 'corp', dn: 'UID=bob, ou=People,dc=acme,DC=test' })).toBe(true);
    expect(visible!({ directory: 'corp', dn: 'uid=dave,ou=people,dc=acme,dc=test' })).toBe(false);
  });
});

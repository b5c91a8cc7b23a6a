import type { AddressInfo } from 'node:net';
import { createVigieClient } from '#vigie/client';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';
import { OpenApiResponseValidator, committedOpenApiDocument, documentedOperations } from '../support/openapi-contract.js';
import { signInAs } from '../support/staff-sessions.js';

const fixture = (name: string) => new URL(`../fixtures/requests/${name}`, import.meta.url).pathname;
const ACCESS_REQUEST_ROUTES = / \/api\/(access-|delegations)/;

interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

/**
 * The access request routes against docs/openapi.json, on a real PostgreSQL and a company with managers and owners
 * (test/fixtures/requests): people signed in ask, decide stage by stage, withdraw, revoke and delegate through the
 * generated client, and every answer is one the document's schema accepts (strictly).
 */
describe('the access request routes and docs/openapi.json', () => {
  // The company's people, from whichever version of the fixture: the test follows who each answer says decides.
  const document = committedOpenApiDocument();
  const validator = new OpenApiResponseValidator(document);
  let api: CompanyApi;
  let baseUrl: string;

  beforeAll(async () => {
    api = await startCompanyApi({
      overrides: {
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('openldap-requests.ldif') }],
        policy: { dir: fixture('policy') },
        auth: { session: { secureCookie: false } },
      },
    });
    await api.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => api?.close());

  const sessions = new Map<string, Record<string, string>>();
  /** A person's web session (their directory account), as the headers each call of theirs carries; one per login. */
  async function sessionOf(login: string, roles: Array<'employee' | 'approver' | 'security-officer'>) {
    if (!sessions.has(login)) {
      const s = await signInAs(api.vigie, roles, { directory: 'corp', dn: `uid=${login},ou=people,dc=acme,dc=test`, login });
      sessions.set(login, { Cookie: s.cookie, 'X-CSRF-Token': s.csrf });
    }
    return sessions.get(login)!;
  }

  /** Who decides the stage a request waits at, as the answer says: one of its approvers, or the security officer (rssi). */
  function deciderOf(request: { currentStage: { approvers: string[]; securityOfficers: boolean } | null }) {
    const stage = request.currentStage!;
    if (stage.securityOfficers) return sessionOf('rssi', ['employee', 'security-officer']);
    return sessionOf(/uid=([^,]+)/.exec(stage.approvers[0]!)![1]!, ['employee', 'approver']);
  }

  it('asks for access, decides stage by stage, withdraws, revokes and delegates, with bodies the schemas accept', async () => {
    const exchanges: Exchange[] = [];
    const client = createVigieClient({ baseUrl });
    client.use({
      async onResponse({ request, response, schemaPath }) {
        const contentType = response.headers.get('content-type');
        const text = await response.clone().text();
        const body = contentType?.startsWith('application/json') ? JSON.parse(text) : text;
        exchanges.push({ method: request.method, path: schemaPath, status: response.status, contentType, body });
      },
    });
    // adurand (Finance) reports to pmartin, who delegates to bmartin; rssi is the security officer.
    const adurand = await sessionOf('adurand', ['employee']);
    const ask = async (entry: { resource: { id: string }; level: string }) => {
      const body = { resource: entry.resource.id, level: entry.level, justification: 'year-end closing with the finance team', days: 30 };
      const { data } = await client.POST('/api/access-requests', { headers: adurand, body });
      return data!;
    };

    const catalogue = await client.GET('/api/access-catalogue', { headers: adurand });
    const askable = (catalogue.data?.entries ?? []).filter((e) => !e.alreadyHeld && !e.openRequest && (e.allowedByPolicy || e.exception));
    expect(askable.length).toBeGreaterThanOrEqual(3);

    // Every stage of the chain approves, each by whom the answer names; the grant is then provisioned by the worker.
    const granted = await ask(askable[0]!);
    expect(granted).toMatchObject({ status: 'pending', currentStage: { index: 0, kind: 'manager' }, grant: null });
    let request = granted;
    for (let stage = 0; request.status === 'pending' && stage < granted.stages.length; stage++) {
      const decided = await client.POST('/api/access-requests/{id}/approve', {
        params: { path: { id: granted.id } },
        headers: await deciderOf(request),
        body: { comment: `stage ${stage + 1} agrees` },
      });
      request = decided.data!;
    }
    expect(request).toMatchObject({ status: 'approved', currentStage: null, grant: { status: 'provisioning', durationDays: 30, endsAt: null } });
    expect(request.stages.map((s) => s.decision?.outcome)).toEqual(granted.stages.map(() => 'approved'));
    expect(request.requestExpiresAt).toBe(granted.requestExpiresAt);
    const revoked = await client.POST('/api/access-requests/{id}/revoke', {
      params: { path: { id: granted.id } },
      headers: await sessionOf('rssi', ['employee', 'security-officer']),
      body: { reason: 'the closing ended early' },
    });
    expect(revoked.data?.grant).toMatchObject({ status: 'removing', endReason: 'revoked', revokeReason: 'the closing ended early' });

    const rejected = await ask(askable[1]!);
    await client.POST('/api/access-requests/{id}/reject', {
      params: { path: { id: rejected.id } },
      headers: await deciderOf(rejected),
      body: { comment: 'not this quarter' },
    });
    const withdrawn = await ask(askable[2]!);
    await client.POST('/api/access-requests/{id}/cancel', { params: { path: { id: withdrawn.id } }, headers: adurand });

    const mine = await client.GET('/api/access-requests', { headers: adurand, params: { query: { view: 'mine', limit: 10 } } });
    expect(mine.data?.requests.map((r) => r.status).sort()).toEqual(['approved', 'cancelled', 'rejected']);
    const shown = await client.GET('/api/access-requests/{id}', { params: { path: { id: rejected.id } }, headers: adurand });
    expect(shown.data?.stages[0]?.decision).toMatchObject({ outcome: 'rejected', comment: 'not this quarter', by: { login: 'pmartin' } });
    const until = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const pmartin = await sessionOf('pmartin', ['employee', 'approver']);
    const delegation = await client.POST('/api/delegations', { headers: pmartin, body: { deputy: 'bmartin', until } });
    expect(delegation.data?.deputy.login).toBe('bmartin');

    expect(exchanges.filter((e) => e.status >= 300).map((e) => `${e.method} ${e.path} → ${e.status} ${JSON.stringify(e.body)}`)).toEqual([]);
    expect(exchanges.flatMap((e) => validator.check(e))).toEqual([]);
    const exercised = new Set(exchanges.map((e) => `${e.method} ${e.path}`));
    expect(documentedOperations(document).filter((op) => ACCESS_REQUEST_ROUTES.test(op) && !exercised.has(op))).toEqual([]);
  });
});

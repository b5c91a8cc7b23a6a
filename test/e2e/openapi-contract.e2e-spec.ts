import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { Middleware } from 'openapi-fetch';
import { createVigieClient } from '#vigie/client';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';
import { OpenApiResponseValidator, committedOpenApiDocument, documentedOperations } from '../support/openapi-contract.js';

/**
 * Routes that serve the document itself (Swagger UI), not the API it describes; and SCIM's, which SCIM describes
 * itself (/scim/v2/Schemas, /ResourceTypes, /ServiceProviderConfig): test/e2e/scim.e2e-spec.ts exercises them.
 */
const DOCS_ROUTES = /^\/(api\/docs|scim\/)/;
/** Access requests need a company with managers and owners: test/e2e/access-requests-contract.e2e-spec.ts exercises them. */
const REQUEST_ROUTES = / \/api\/(access-|delegations)/;
/** The HR events' routes: checked against the document in hr-webhook.e2e-spec.ts and hr-bamboohr.e2e-spec.ts (the webhooks need their signatures). */
const HR_ROUTES = / \/api\/hr\//;
const GLASS_PASSWORD = 'a long break-glass password for the contract';

interface Exchange {
  method: string;
  path: string;
  status: number;
  contentType: string | null;
  body: unknown;
}

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/**
 * The contract between the API and docs/openapi.json, on a real PostgreSQL: the running API serves the committed
 * document, registers exactly the routes it declares, and answers each route through the generated client with a
 * body the document's schema accepts (strictly: a field the schema does not name fails).
 */
describe('the API and docs/openapi.json', () => {
  const document = committedOpenApiDocument();
  const validator = new OpenApiResponseValidator(document);
  let api: CompanyApi;
  let app: INestApplication;
  let baseUrl: string;
  let officer: string;
  let auditor: string;

  beforeAll(async () => {
    const { hashPassword } = await import('#vigie/access-control');
    api = await startCompanyApi({
      env: { VIGIE_AUTH_BREAK_GLASS_HASH: await hashPassword(GLASS_PASSWORD) },
      overrides: { auth: { breakGlass: { enabled: true }, session: { secureCookie: false } } },
    });
    ({ app, officer, auditor } = api);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => api?.close());

  /** A generated client that records every exchange, by the OpenAPI path it called. */
  function recordingClient(token: string | undefined, exchanges: Exchange[]) {
    const recorder: Middleware = {
      async onResponse({ request, response, schemaPath }) {
        const contentType = response.headers.get('content-type');
        const text = await response.clone().text();
        const body = contentType?.startsWith('application/json') ? JSON.parse(text) : text;
        exchanges.push({ method: request.method, path: schemaPath, status: response.status, contentType, body });
      },
    };
    const client = createVigieClient({ baseUrl, token });
    client.use(recorder);
    return client;
  }

  it('serves at /api/docs-json the document committed in docs/openapi.json (else run `npm run openapi`)', async () => {
    const res = await fetch(`${baseUrl}/api/docs-json`, { headers: { Authorization: `Bearer ${auditor}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(document);
  });

  it('registers exactly the routes the document declares', () => {
    const router = (app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } }).router;
    const registered = router.stack
      .flatMap((layer) => (layer.route ? [layer.route] : []))
      .flatMap((route) => (Array.isArray(route.path) ? route.path : [route.path]).map((path) => ({ path, methods: route.methods })))
      .filter(({ path }) => !DOCS_ROUTES.test(path))
      .flatMap(({ path, methods }) =>
        Object.keys(methods)
          .filter((m) => methods[m] && m !== '_all')
          .map((m) => `${m.toUpperCase()} ${path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}')}`),
      );
    expect(registered.length).toBeGreaterThan(0);
    expect([...new Set(registered)].sort()).toEqual(documentedOperations(document).sort());
  });

  it('answers every documented operation, through the generated client, with a body its schema accepts', async () => {
    const exchanges: Exchange[] = [];
    const anonymous = recordingClient(undefined, exchanges);
    const asOfficer = recordingClient(officer, exchanges);
    const asAuditor = recordingClient(auditor, exchanges);

    await anonymous.GET('/health/live');
    await anonymous.GET('/health/ready');
    await anonymous.GET('/health');
    const metrics = await asOfficer.GET('/metrics', { parseAs: 'text' });
    expect(metrics.data).toMatch(/vigie_http_request_duration_seconds/);

    const audit = await asOfficer.POST('/api/audits');
    expect(audit.data?.changes).toEqual({ new: 0, reopened: 0, resolved: 0, open: expect.any(Number) });
    const page = await asAuditor.GET('/api/findings', { params: { query: { limit: 500 } } });
    const [finding] = page.data?.findings ?? [];
    expect(finding).toBeDefined();
    await asAuditor.GET('/api/findings', { params: { query: { rule: 'G-EXCESS-VS-ROLE', severity: 'high,critical', limit: 1, offset: 0 } } });
    await asAuditor.GET('/api/findings', { params: { query: { q: 'bm', limit: 2 } } });
    const detail = await asAuditor.GET('/api/findings/{id}', { params: { path: { id: finding.id }, query: { lang: 'fr' } } });
    expect(detail.data?.finding.id).toBe(finding.id);
    const dashboard = await asAuditor.GET('/api/dashboard');
    expect(dashboard.data?.runId).toBe(page.data?.auditRunId);

    const acknowledged = await asOfficer.POST('/api/findings/{id}/acknowledge', {
      params: { path: { id: finding.id } },
      body: { reason: 'ticket INC-42 opened with the owner' },
    });
    expect(acknowledged.data).toMatchObject({ id: finding.id, status: 'acknowledged', decidedBy: 'token:officer' });
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const accepted = await asOfficer.POST('/api/findings/{id}/accept-risk', {
      params: { path: { id: finding.id } },
      body: { reason: 'legacy accounting tool, replaced in Q3', until },
    });
    expect(accepted.data?.acceptedUntil).toMatch(new RegExp(`^${until}`));

    const trail = await asOfficer.GET('/api/audit-log', { params: { query: { limit: 500 } } });
    expect(trail.data?.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['finding.acknowledged', 'sync.succeeded', 'auth.succeeded']));
    await asOfficer.GET('/api/audit-log', { params: { query: { kind: 'change', limit: 2 } } });
    const identity = await asAuditor.GET('/api/identities/{id}/access', { params: { path: { id: 'bmartin' } } });
    expect(identity.data?.accounts.map((a) => a.login)).toEqual(['bmartin']);
    const resource = await asAuditor.GET('/api/resources/{id}/access', { params: { path: { id: 'share-finance' }, query: { directory: 'corp', limit: 2 } } });
    expect(resource.data?.resource.id).toBe('share-finance');
    const stats = await asAuditor.GET('/api/statistics', { params: { query: { from: '2026-01', to: '2026-03' } } });
    expect(stats.data?.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    const csv = await asAuditor.GET('/api/findings/export.csv', { params: { query: { lang: 'fr', severity: 'high' } }, parseAs: 'text' });
    // fetch's text() drops the byte order mark (statistics-metrics.e2e-spec.ts checks the bytes).
    expect(csv.data).toMatch(/^Identifiant;Contrôle;/);
    await asAuditor.GET('/api/identities/{id}/access.csv', { params: { path: { id: 'bmartin' }, query: { dialect: 'standard' } }, parseAs: 'text' });
    await asAuditor.GET('/api/resources/{id}/access.csv', { params: { path: { id: 'share-finance' }, query: { lang: 'en' } }, parseAs: 'text' });
    const search = await asAuditor.GET('/api/identities', { params: { query: { q: 'bmar', limit: 5 } } });
    expect(search.data?.items.map((a) => a.login)).toContain('bmartin');
    await asAuditor.GET('/api/directory-changes', { params: { query: { limit: 5 } } });
    const runs = await asAuditor.GET('/api/sync-runs', { params: { query: { limit: 5 } } });
    expect(runs.data?.items.length).toBeGreaterThan(0);
    const identityPage = await asAuditor.GET('/api/identities/{id}', { params: { path: { id: 'bmartin' } } });
    expect(identityPage.data?.accounts.map((a) => a.login)).toEqual(['bmartin']);
    const resources = await asAuditor.GET('/api/resources', { params: { query: { personalData: 'true', limit: 5 } } });
    expect(resources.data?.items.length).toBeGreaterThan(0);
    await asAuditor.GET('/api/resources/{id}', { params: { path: { id: 'share-finance' } } });
    await asAuditor.GET('/api/policy');
    await asOfficer.GET('/api/audit-log/verification');
    const stored = await asOfficer.POST('/api/reports', { body: { format: 'html', lang: 'en' } });
    expect(stored.response.status).toBe(201);
    const reports = await asAuditor.GET('/api/reports', { params: { query: { limit: 5 } } });
    expect(reports.data?.reports.map((r) => r.id)).toEqual([stored.data!.id]);
    const file = await asAuditor.GET('/api/reports/{id}/download', { params: { path: { id: stored.data!.id } }, parseAs: 'text' });
    expect(file.response.headers.get('etag')).toBe(`"${stored.data!.sha256}"`);

    expect(exchanges.filter((e) => e.status >= 300).map((e) => `${e.method} ${e.path} → ${e.status} ${JSON.stringify(e.body)}`)).toEqual([]);
    expect(exchanges.flatMap((e) => validator.check(e))).toEqual([]);
    const exercised = new Set(exchanges.map((e) => `${e.method} ${e.path}`));
    // Signing in has a test of its own, below; the OIDC redirects and access requests, files of their own.
    expect(
      documentedOperations(document).filter((op) => !exercised.has(op) && !op.includes(' /api/auth/') && !REQUEST_ROUTES.test(op) && !HR_ROUTES.test(op)),
    ).toEqual([]);
  });

  it('signs a person in, tells who they are, and signs them out, through the generated client', async () => {
    const exchanges: Exchange[] = [];
    const anonymous = recordingClient(undefined, exchanges);
    const signedIn = await anonymous.POST('/api/auth/sign-in', { body: { method: 'break-glass', login: 'vigie-break-glass', password: GLASS_PASSWORD } });
    const cookie = String(signedIn.response.headers.get('set-cookie')).split(';')[0]!;
    expect(cookie).toMatch(/^vigie_session=/);
    const session = await anonymous.GET('/api/auth/session', { headers: { Cookie: cookie } });
    expect(session.data).toEqual({
      staff: { name: 'vigie-break-glass', roles: ['admin'], method: 'break-glass' },
      csrfToken: signedIn.data?.csrfToken,
      // The admin's abilities, packed: they run Vigie and read what it produces.
      rules: expect.arrayContaining([['manage', 'ApiToken,Configuration']]),
    });
    await recordingClient(officer, exchanges).GET('/api/auth/session');
    await anonymous.POST('/api/auth/sign-out', { headers: { Cookie: cookie, 'X-CSRF-Token': signedIn.data!.csrfToken! } });
    expect(exchanges.filter((e) => e.status >= 300).map((e) => `${e.method} ${e.path} → ${e.status} ${JSON.stringify(e.body)}`)).toEqual([]);
    expect(exchanges.flatMap((e) => validator.check(e))).toEqual([]);
    expect(exchanges.map((e) => `${e.method} ${e.path}`)).toEqual([
      'POST /api/auth/sign-in',
      'GET /api/auth/session',
      'GET /api/auth/session',
      'POST /api/auth/sign-out',
    ]);
  });

  /** Errors a caller can cause, one of each status the routes declare but 503 (the database would have to go away). */
  async function errorExchanges(): Promise<Exchange[]> {
    const exchanges: Exchange[] = [];
    await recordingClient(undefined, exchanges).GET('/api/findings');
    await recordingClient('vig_not-a-real-token-at-all-0000000000', exchanges).GET('/api/audit-log');
    const asAuditor = recordingClient(auditor, exchanges);
    const asOfficer = recordingClient(officer, exchanges);
    await asAuditor.GET('/metrics', { parseAs: 'text' });
    await asAuditor.POST('/api/audits');
    await asOfficer.POST('/api/audits', { body: { asOf: 'last night' } });
    await asAuditor.GET('/api/findings', { params: { query: { severity: 'urgent', limit: 9999 } } });
    await asOfficer.POST('/api/findings/{id}/acknowledge', { params: { path: { id: '0000' } }, body: { reason: 'nothing to see here' } });
    await asOfficer.POST('/api/findings/{id}/accept-risk', {
      params: { path: { id: '0000' } },
      body: { reason: 'an end date in the past', until: '2020-01-01' },
    });
    await asAuditor.GET('/api/identities/{id}/access', { params: { path: { id: 'nobody-by-this-name' } } });
    await asAuditor.GET('/api/resources/{id}/access', { params: { path: { id: 'share-nowhere' } } });
    return exchanges;
  }

  it('answers errors with a status the document declares for the route', async () => {
    const exchanges = await errorExchanges();
    expect(exchanges.map((e) => e.status).sort()).toEqual([400, 400, 400, 401, 401, 403, 403, 404, 404, 404]);
    expect(exchanges.flatMap((e) => validator.check(e)).filter((problem) => /does not declare this status|declares .*content/.test(problem))).toEqual([]);
  });

  // Every error the API answers is the declared ErrorBody: a VigieError's kind, or the kind of Nest's own status.
  it('answers errors with the error body the document declares', async () => {
    const problems = (await errorExchanges()).flatMap((e) => validator.check(e));
    expect(problems).toEqual([]);
  });
});

import type { AddressInfo } from 'node:net';
import { STAFF_ROLES, type StaffPerson, TOKEN_ROLES } from '#vigie/access-control';
import { PERMISSION_MATRIX } from '../../apps/api/src/auth/permission-matrix.js';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';
import { hrWebhookHeaders } from '../support/hr-webhook.js';
import { committedOpenApiDocument } from '../support/openapi-contract.js';
import { signInAs } from '../support/staff-sessions.js';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

/** One malformed value, as it goes into a URL (already encoded, sometimes on purpose badly) and into a JSON body. */
interface Malformed {
  label: string;
  url: string;
  json: unknown;
}

const enc = encodeURIComponent;
const LONG = 'x'.repeat(10_000);
const MALFORMED: Malformed[] = [
  { label: 'NUL', url: 'a%00b', json: 'a\u0000b' },
  { label: 'NUL alone', url: '%00', json: '\u0000' },
  { label: '10k characters', url: LONG, json: LONG },
  { label: '10k multibyte characters', url: enc('é'.repeat(10_000)), json: 'é'.repeat(10_000) },
  { label: 'empty', url: '', json: '' },
  { label: 'blank', url: '%20%20', json: '  ' },
  { label: 'invalid date', url: '2027-02-30', json: '2027-02-30' },
  { label: 'invalid time', url: enc('2027-01-01T25:61:00Z'), json: '2027-01-01T25:61:00Z' },
  { label: 'year 0', url: '0000-01-01', json: '0000-01-01' },
  { label: 'year 275761', url: '275761-01-01', json: '+275761-01-01' },
  { label: 'huge number', url: '99999999999999999999999999999', json: 1e29 },
  { label: 'past the largest double', url: '1.8e308', json: Number.MAX_VALUE },
  { label: '1e309', url: '1e309', json: '1e309' },
  { label: 'negative', url: '-1', json: -1 },
  { label: 'fraction', url: '1.5', json: 1.5 },
  { label: 'NaN', url: 'NaN', json: 'NaN' },
  { label: 'Infinity', url: 'Infinity', json: 'Infinity' },
  { label: 'number for a string', url: '42', json: 42 },
  { label: 'boolean', url: 'true', json: true },
  { label: 'null', url: 'null', json: null },
  { label: 'object', url: enc('{"$ne":null}'), json: { $ne: null } },
  { label: 'array', url: enc('["a","b"]'), json: ['a', 'b'] },
  { label: 'deep array', url: enc('[[[[]]]]'), json: [[[[[[[[[[]]]]]]]]]] },
  { label: 'byte order mark', url: enc('\uFEFFa'), json: '\uFEFFa' },
  { label: 'right-to-left override', url: enc('a\u202Eb'), json: 'a\u202Eb' },
  { label: 'combining characters', url: enc('e\u0301'.repeat(500)), json: 'e\u0301'.repeat(500) },
  { label: 'emoji', url: enc('🦊👩‍👩‍👧'), json: '🦊👩‍👩‍👧' },
  { label: 'lone surrogate', url: '%ED%A0%80', json: '\uD800' },
  { label: 'invalid UTF-8', url: '%C3%28%FF', json: '\uFFFD(' },
  { label: 'bare percent', url: '%', json: '%' },
  { label: 'control characters', url: '%01%1B%7F', json: '\u0001\u001b\u007f' },
  { label: 'SQL', url: enc("x' OR '1'='1"), json: "x' OR '1'='1" },
  { label: 'LDAP filter', url: enc('*)(uid=*'), json: '*)(uid=*' },
  { label: 'DN', url: enc('cn=\\,=,dc='), json: 'cn=\\,=,dc=' },
  { label: 'path traversal', url: '..%2F..%2Fetc%2Fpasswd', json: '../../etc/passwd' },
  { label: 'prototype', url: '__proto__', json: '__proto__' },
];

/** Statuses a malformed request may get: an answer, or a refusal of its input (431: a URL past Node's 16 kB of headers). Never a 5xx. */
const ACCEPTABLE = new Set([200, 201, 400, 404, 409, 413, 414, 415, 422, 431]);

/**
 * Every route of docs/openapi.json, sent malformed values in each path, query and body parameter (and malformed
 * bodies as a whole), on a real PostgreSQL: none answers a 5xx, and the server still answers after all of them.
 * Each route is called with the admin's token, or, where the admin may not use it (a finding's decisions), with the
 * first token role the permission matrix allows, or, where no token may (asking for access, deciding on a request),
 * with a person's web session.
 */
describe('malformed input on every route', () => {
  const document = committedOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> };
  let api: CompanyApi;
  let baseUrl: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startCompanyApi();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    for (const role of TOKEN_ROLES) tokens[role] = (await api.vigie.run('create-token', { name: `fuzz-${role}`, role })).token;
  });

  afterAll(() => api?.close());

  /** bmartin of the company's directory: the person of the sessions below, as in the permission matrix's test. */
  const BMARTIN: StaffPerson = { directory: 'corp', dn: 'uid=bmartin,ou=people,dc=acme,dc=test', login: 'bmartin' };

  /**
   * The credentials a route is fuzzed with: the first token role the matrix lets through (and whose token its probe
   * does not refuse), else, for what only a person does (asking for access, deciding), a web session of bmartin in the
   * first role the matrix lets in. None for a public route.
   */
  async function credentialsFor(route: string): Promise<Record<string, string> | undefined> {
    const entry = PERMISSION_MATRIX[route];
    if (!entry || entry.ability === 'public') return undefined;
    const tokenRefused = typeof entry.probe.expect === 'object' && entry.probe.expect.token === 403;
    const role = tokenRefused ? undefined : TOKEN_ROLES.find((r) => entry.roles[r] === 'allowed');
    if (role) return { Authorization: `Bearer ${tokens[role]}` };
    const person = STAFF_ROLES.find((r) => entry.roles[r] !== 'refused');
    if (!person) throw new Error(`no role may use ${route}: the fuzz test needs one`);
    const session = await signInAs(api.vigie, [person], BMARTIN);
    return { Cookie: session.cookie, 'X-CSRF-Token': session.csrf };
  }

  /** The route's probe (apps/api/src/auth/permission-matrix.ts): the valid path and body each malformed request starts from. */
  function baseOf(route: string): { path: string; body?: Record<string, unknown> } {
    const probe = PERMISSION_MATRIX[route]?.probe;
    if (!probe) throw new Error(`${route} has no entry in the permission matrix`);
    return { path: probe.path.split('?')[0]!, body: probe.body };
  }

  const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op })),
  );

  it('reads the routes from docs/openapi.json', () => {
    expect(operations.length).toBeGreaterThan(8);
  });

  it.each(operations.map((o) => [o.route, o] as const))('%s answers malformed input without a 5xx', async (route, { method, path, op }) => {
    const credentials = await credentialsFor(route);
    const base = baseOf(route);
    const headers: Record<string, string> = { ...credentials };
    const requests: Array<{ what: string; url: string; body?: string; type?: string }> = [];
    const params = op.parameters ?? [];
    const withJson = (body: unknown) => ({ body: JSON.stringify(body), type: 'application/json' });
    const baseBody = base.body ? withJson(base.body) : method === 'POST' ? withJson({}) : {};

    for (const m of MALFORMED) {
      for (const p of params.filter((x) => x.in === 'path')) {
        requests.push({ what: `path ${p.name}: ${m.label}`, url: path.replace(`{${p.name}}`, m.url), ...baseBody });
      }
      for (const p of params.filter((x) => x.in === 'query')) {
        requests.push({ what: `query ${p.name}: ${m.label}`, url: `${base.path}?${p.name}=${m.url}`, ...baseBody });
        requests.push({ what: `query ${p.name} twice: ${m.label}`, url: `${base.path}?${p.name}=${m.url}&${p.name}=${m.url}`, ...baseBody });
        requests.push({ what: `query ${p.name}[]: ${m.label}`, url: `${base.path}?${p.name}[a]=${m.url}`, ...baseBody });
      }
      const properties = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
      for (const name of properties) {
        requests.push({ what: `body ${name}: ${m.label}`, url: base.path, ...withJson({ ...base.body, [name]: m.json }) });
      }
      if (op.requestBody) requests.push({ what: `body as a whole: ${m.label}`, url: base.path, ...withJson(m.json) });
    }
    if (op.requestBody || method === 'POST') {
      for (const [what, body, type] of [
        ['invalid JSON', '{"reason": ', 'application/json'],
        ['JSON with a NUL escape', '{"reason":"a\\u0000b"}', 'application/json'],
        ['form body', 'reason=x&until=2027-02-30', 'application/x-www-form-urlencoded'],
        ['text body', 'hello', 'text/plain'],
        ['wrong charset', '{"reason":"x"}', 'application/json; charset=utf-7'],
        ['duplicate keys', '{"reason":"a valid reason","reason":{"a":1}}', 'application/json'],
        ['__proto__ key', '{"__proto__":{"admin":true},"reason":"a valid reason"}', 'application/json'],
      ] as const) {
        requests.push({ what, url: base.path, body, type });
      }
    }
    requests.push({ what: 'unknown query parameter', url: `${base.path}?${enc('a\u0000')}=1` });

    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (const r of requests) {
      const res = await fetch(`${baseUrl}${r.url}`, {
        method,
        headers: {
          ...headers,
          ...(r.type ? { 'Content-Type': r.type } : {}),
          // The HR webhook's credential is its signature: each malformed body is signed, so that its checks are reached.
          ...(route === 'POST /api/hr/events' ? hrWebhookHeaders(method === 'GET' ? '' : (r.body ?? '')) : {}),
        },
        body: method === 'GET' ? undefined : r.body,
      });
      const text = await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      // A public route (signing in) may refuse the credentials it is sent: 401, 403 for an account with no role, 429 for
      // an address or account held back after failures.
      if (!ACCEPTABLE.has(res.status) && !(credentials === undefined && [401, 403, 429].includes(res.status)))
        failures.push(`${r.what} → ${res.status} ${text.slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    // The malformed values reached the input's checks: refused as input, not all stopped at the door.
    if (params.length || op.requestBody) expect(statuses[400] ?? 0).toBeGreaterThan(0);
    if (credentials) expect([statuses[401] ?? 0, statuses[403] ?? 0]).toEqual([0, 0]);
    // Still up, and still answering the route as it should.
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
  });
});

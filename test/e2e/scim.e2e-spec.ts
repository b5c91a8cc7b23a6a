import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import type { HrEvent } from '#vigie/hr';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { publishedFileFor, trailKeyEnv } from '../support/trail.js';

const TOKEN = 'scim-0123456789abcdef0123456789abcdef';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM_JSON = /^application\/scim\+json/;
const policy = new URL('../fixtures/scim/policy', import.meta.url).pathname;

interface ScimApi {
  app: INestApplication;
  vigie: Vigie;
  close(): Promise<void>;
}

/**
 * The API on a throw-away PostgreSQL database, its HR events aimed at an LDAP directory that is never reached (the
 * worker does not run here: what a SCIM client causes is the stored HR events and what SCIM reads back).
 */
async function startScimApi(env: Record<string, string>): Promise<ScimApi> {
  const db: TestDatabase = await createTestDatabase();
  let app: INestApplication | undefined;
  const close = async () => {
    await app?.close();
    await db.drop();
  };
  try {
    const config = loadConfig({
      env: { DATABASE_URL: db.url, ...trailKeyEnv(), LDAP_PASSWORD: 'never-used', ...env },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [
          {
            name: 'corp',
            kind: 'ldap',
            url: 'ldaps://127.0.0.1:1',
            baseDn: 'dc=acme,dc=test',
            bindDn: 'cn=admin,dc=acme,dc=test',
            bindPasswordEnv: 'LDAP_PASSWORD',
          },
        ],
        hr: { directory: 'corp' },
        policy: { dir: policy },
        trail: { publish: { file: publishedFileFor(db.url) } },
      },
    });
    const vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.init();
    return { app, vigie, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** What Entra ID's provisioning service POSTs (its default mappings, with externalId mapped to the employee id). */
const entraUser = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
  externalId: 'E5001',
  userName: 'elodie.delafontaine@acme.test',
  active: true,
  displayName: 'Élodie de La Fontaine',
  emails: [{ primary: true, type: 'work', value: 'elodie.delafontaine@acme.test' }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Élodie de La Fontaine', familyName: 'de La Fontaine', givenName: 'Élodie' },
  title: 'Comptable',
  addresses: [{ type: 'work', locality: 'Lyon', primary: false }],
  [ENT]: { employeeNumber: 'E5001', department: 'Finance' },
};

/**
 * SCIM 2.0 inbound against the running API on a real PostgreSQL: the sequence Entra ID's provisioning service sends
 * for a joiner, a mover and a leaver, each answer as SCIM says and each write stored as the HR event it means; the
 * token that opens SCIM and nothing else; SCIM's errors and discovery documents.
 */
describe('SCIM 2.0 inbound (/scim/v2)', () => {
  let api: ScimApi;
  let staffToken: string;
  const scim = () => request(api.app.getHttpServer());
  const auth = { Authorization: `Bearer ${TOKEN}` };
  /** The HR events stored so far, oldest first. */
  const events = async (): Promise<HrEvent[]> => (await (await api.vigie.dependencies.hrEventStore()).list({ limit: 100 })).items.reverse();

  beforeAll(async () => {
    api = await startScimApi({ VIGIE_SCIM_TOKEN: TOKEN });
    staffToken = (await api.vigie.run('create-token', { name: 'admin', role: 'admin' })).token;
  });

  afterAll(() => api?.close());

  it('takes a joiner, a mover and a leaver as Entra ID sends them, each as its HR event, and reads each change back at once', async () => {
    // Entra ID first looks the user up by its matching attribute: nobody yet.
    const lookup = await scim().get('/scim/v2/Users').query({ filter: 'userName eq "elodie.delafontaine@acme.test"' }).set(auth).expect(200);
    expect(lookup.headers['content-type']).toMatch(SCIM_JSON);
    expect(lookup.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      Resources: [],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
    });

    const created = await scim().post('/scim/v2/Users').set(auth).set('Content-Type', 'application/scim+json').send(JSON.stringify(entraUser)).expect(201);
    expect(created.headers['content-type']).toMatch(SCIM_JSON);
    const id: string = created.body.id;
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      externalId: 'E5001',
      userName: 'elodie.delafontaine@acme.test',
      active: true,
      meta: { resourceType: 'User', version: expect.stringMatching(/^W\/"\d+"$/), location: `/scim/v2/Users/${id}` },
      [ENT]: { employeeNumber: 'E5001', department: 'Finance' },
    });
    expect(await events()).toEqual([
      expect.objectContaining({
        source: 'scim',
        eventId: expect.stringMatching(/^scim:/),
        type: 'hire',
        status: 'pending',
        immediate: false,
        person: {
          employeeId: 'E5001',
          firstName: 'Élodie',
          lastName: 'de La Fontaine',
          mail: 'elodie.delafontaine@acme.test',
          department: 'Finance',
          title: 'Comptable',
          managerEmployeeId: null,
          site: 'Lyon',
          employeeType: null,
          startDate: null,
          endDate: null,
        },
      }),
    ]);

    const found = await scim().get('/scim/v2/Users').query({ filter: 'userName eq "elodie.delafontaine@acme.test"' }).set(auth).expect(200);
    expect(found.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, Resources: [{ id, externalId: 'E5001' }] });
    expect((await scim().get('/scim/v2/Users').query({ filter: 'externalId eq "E5001"' }).set(auth).expect(200)).body.Resources.map((u: any) => u.id)).toEqual([
      id,
    ]);

    // A mover: Entra ID's PATCH with capitalised ops and the extension attribute by its full path.
    const moved = await scim()
      .patch(`/scim/v2/Users/${id}`)
      .set(auth)
      .set('Content-Type', 'application/scim+json')
      .send(
        JSON.stringify({
          schemas: [PATCH],
          Operations: [
            { op: 'Replace', path: `${ENT}:department`, value: 'Ventes' },
            { op: 'Replace', path: 'title', value: 'Commerciale' },
          ],
        }),
      )
      .expect(200);
    expect(moved.body).toMatchObject({ id, title: 'Commerciale', [ENT]: { department: 'Ventes' } });
    expect((await scim().get(`/scim/v2/Users/${id}`).set(auth).expect(200)).body).toMatchObject({ title: 'Commerciale', [ENT]: { department: 'Ventes' } });
    // What the worker applied stays as it was until it applies the move: it compares the move with the old department.
    expect((await (await api.vigie.dependencies.hrEventStore()).getPerson('E5001'))!.data.department).toBe('Finance');

    // An update: a new work mail, by the filtered path Entra ID uses.
    await scim()
      .patch(`/scim/v2/Users/${id}`)
      .set(auth)
      .send({ schemas: [PATCH], Operations: [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'elodie.fontaine@acme.test' }] })
      .expect(200);

    // A leaver: Entra ID deactivates (active "False" as a string without its SCIM 2.0 compliance flag).
    const left = await scim()
      .patch(`/scim/v2/Users/${id}`)
      .set(auth)
      .set('Content-Type', 'application/scim+json')
      .send(JSON.stringify({ schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] }))
      .expect(200);
    expect(left.body.active).toBe(false);
    expect((await scim().get(`/scim/v2/Users/${id}`).set(auth).expect(200)).body).toMatchObject({
      active: false,
      emails: [{ value: 'elodie.fontaine@acme.test' }],
    });

    const stored = await events();
    expect(stored.map((e) => [e.type, e.immediate, e.person.department, e.person.title, e.person.mail])).toEqual([
      ['hire', false, 'Finance', 'Comptable', 'elodie.delafontaine@acme.test'],
      ['move', false, 'Ventes', 'Commerciale', 'elodie.delafontaine@acme.test'],
      ['update', false, 'Ventes', 'Commerciale', 'elodie.fontaine@acme.test'],
      ['leave', true, 'Ventes', 'Commerciale', 'elodie.fontaine@acme.test'],
    ]);
    expect(new Set(stored.map((e) => e.eventId)).size).toBe(4);
    const trail = await api.vigie.run('query-trail', { action: 'hr-event.received', limit: 50 });
    expect(trail.entries).toHaveLength(4);
  });

  it('refuses a second user with the same externalId as uniqueness, and an unknown department naming it, storing nothing', async () => {
    const before = (await events()).length;
    const dup = await scim()
      .post('/scim/v2/Users')
      .set(auth)
      .send({ ...entraUser, userName: 'someone.else@acme.test' })
      .expect(409);
    expect(dup.headers['content-type']).toMatch(SCIM_JSON);
    expect(dup.body).toEqual({ schemas: [ERROR], status: '409', scimType: 'uniqueness', detail: expect.stringContaining('E5001') });
    const unknown = await scim()
      .post('/scim/v2/Users')
      .set(auth)
      .send({ ...entraUser, externalId: 'E5002', userName: 'x@acme.test', [ENT]: { department: 'Marketing' } })
      .expect(400);
    expect(unknown.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue', detail: expect.stringContaining('Marketing') });
    expect(await events()).toHaveLength(before);
    expect((await scim().get('/scim/v2/Users').query({ filter: 'externalId eq "E5002"' }).set(auth).expect(200)).body.totalResults).toBe(0);
  });

  it('answers a filter it does not take, a body that is not JSON, an unknown user and a bad PATCH as SCIM errors', async () => {
    const filter = await scim().get('/scim/v2/Users').query({ filter: 'title co "Compta"' }).set(auth).expect(400);
    expect(filter.body).toEqual({ schemas: [ERROR], status: '400', scimType: 'invalidFilter', detail: expect.stringContaining('externalId eq') });
    const broken = await scim().post('/scim/v2/Users').set(auth).set('Content-Type', 'application/scim+json').send('{"schemas": [').expect(400);
    expect(broken.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidSyntax' });
    const missing = await scim().get('/scim/v2/Users/00000000-0000-4000-8000-000000000000').set(auth).expect(404);
    expect(missing.body).toMatchObject({ schemas: [ERROR], status: '404' });
    const [user] = (await scim().get('/scim/v2/Users').set(auth).expect(200)).body.Resources;
    const bad = await scim()
      .patch(`/scim/v2/Users/${user.id}`)
      .set(auth)
      .send({ schemas: [PATCH], Operations: [{ op: 'Replace', path: 'shoeSize', value: 42 }] })
      .expect(400);
    expect(bad.body).toMatchObject({ status: '400', scimType: 'invalidPath' });
  });

  it('answers 300 malformed requests with SCIM 4xx errors, never a 500, creating no user', async () => {
    const random = seeded(17);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const keys = [
      'schemas',
      'userName',
      'externalId',
      'active',
      'name',
      'emails',
      'title',
      ENT,
      'Operations',
      'op',
      'path',
      'value',
      'id',
      'meta',
      '__proto__',
      'x',
    ];
    const value = (depth: number): unknown => {
      const kind = pick(['string', 'number', 'bool', 'null', 'array', 'object', 'urn', 'nul'] as const);
      if (depth > 2 && (kind === 'array' || kind === 'object')) return 'deep';
      if (kind === 'string') return 'x'.repeat(Math.floor(random() * 300));
      if (kind === 'number') return random() * 1e12 - 5e11;
      if (kind === 'bool') return random() < 0.5;
      if (kind === 'null') return null;
      if (kind === 'urn') return pick([ENT, PATCH, 'urn:ietf:params:scim:schemas:core:2.0:User', 'emails[type eq "work"].value', 'bulkId:nope']);
      if (kind === 'nul') return 'a\u0000b';
      if (kind === 'array') return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, () => [pick(keys), value(depth + 1)]));
    };
    const [user] = (await scim().get('/scim/v2/Users').set(auth).expect(200)).body.Resources;
    const before = (await events()).length;
    const totalBefore = (await scim().get('/scim/v2/Users').set(auth).expect(200)).body.totalResults;
    const wrong: string[] = [];
    for (let i = 0; i < 300; i++) {
      const route = pick(['POST /scim/v2/Users', 'PUT /scim/v2/Users/{id}', 'PATCH /scim/v2/Users/{id}', 'POST /scim/v2/Bulk', 'GET /scim/v2/Users?filter']);
      const body = pick([value(0), JSON.stringify(value(0)).slice(0, Math.floor(random() * 40))]);
      const [method, path] = route.split(' ') as [string, string];
      let req =
        method === 'GET'
          ? scim()
              .get('/scim/v2/Users')
              .query({ filter: typeof body === 'string' ? body : JSON.stringify(body) })
          : (method === 'POST' ? scim().post(path) : method === 'PUT' ? scim().put(path.replace('{id}', user.id)) : scim().patch(path.replace('{id}', user.id)))
              .set('Content-Type', 'application/scim+json')
              .send(typeof body === 'string' ? body : JSON.stringify(body));
      req = req.set(auth);
      const res = await req;
      const ok = method === 'GET' ? res.status === 200 || res.status === 400 : res.status >= 400 && res.status < 500;
      if (!ok || (res.status >= 400 && res.body.schemas?.[0] !== ERROR))
        wrong.push(`${route} ${JSON.stringify(body).slice(0, 120)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect((await scim().get('/scim/v2/Users').set(auth).expect(200)).body.totalResults).toBe(totalBefore);
    expect((await events()).length).toBe(before);
  });

  it('opens to the SCIM token only: no token, another token or an API token get 401 and a trail entry; the SCIM token opens nothing else', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token', `Bearer ${staffToken}`, `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`]) {
      let req = scim().get('/scim/v2/Users');
      if (authorization) req = req.set('Authorization', authorization);
      const res = await req.expect(401);
      expect([authorization, res.body]).toEqual([authorization, { schemas: [ERROR], status: '401', detail: expect.stringContaining('SCIM token') }]);
    }
    await scim().get('/scim/v2/Users').query({ access_token: TOKEN }).expect(401);
    await scim().get('/api/audit-log').set(auth).expect(401);
    const failed = await api.vigie.run('query-trail', { action: 'auth.failed', limit: 50 });
    expect(failed.entries.map((e: any) => e.target?.id)).toContain('GET /scim/v2/Users');
  });

  it('describes itself: ServiceProviderConfig, Schemas and ResourceTypes as RFC 7643 writes them', async () => {
    const config = await scim().get('/scim/v2/ServiceProviderConfig').set(auth).expect(200);
    expect(config.headers['content-type']).toMatch(SCIM_JSON);
    expect(config.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 100, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: false },
      etag: { supported: false },
      changePassword: { supported: false },
      authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: expect.any(String), specUri: expect.any(String) }],
      meta: { resourceType: 'ServiceProviderConfig', location: '/scim/v2/ServiceProviderConfig' },
    });
    const schemas = await scim().get('/scim/v2/Schemas').set(auth).expect(200);
    expect(schemas.body.Resources.map((s: any) => s.id)).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENT]);
    for (const s of schemas.body.Resources) {
      expect(s).toMatchObject({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
        meta: { resourceType: 'Schema', location: `/scim/v2/Schemas/${s.id}` },
      });
      for (const a of s.attributes)
        expect(a).toEqual(expect.objectContaining({ name: expect.any(String), type: expect.any(String), multiValued: expect.any(Boolean) }));
    }
    expect((await scim().get(`/scim/v2/Schemas/${ENT}`).set(auth).expect(200)).body.attributes.map((a: any) => a.name)).toContain('department');
    const types = await scim().get('/scim/v2/ResourceTypes').set(auth).expect(200);
    expect(types.body).toMatchObject({
      totalResults: 1,
      Resources: [
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
          id: 'User',
          name: 'User',
          endpoint: '/Users',
          schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
          schemaExtensions: [{ schema: ENT, required: false }],
        },
      ],
    });
    await scim().get('/scim/v2/ResourceTypes/Group').set(auth).expect(404);
  });

  it('runs a Bulk request in order, with bulkId references, and deactivates by DELETE', async () => {
    const res = await scim()
      .post('/scim/v2/Bulk')
      .set(auth)
      .set('Content-Type', 'application/scim+json')
      .send(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
          failOnErrors: 1,
          Operations: [
            {
              method: 'POST',
              path: '/Users',
              bulkId: 'boss',
              data: { ...entraUser, externalId: 'E7001', userName: 'boss@acme.test', [ENT]: { department: 'Finance' } },
            },
            {
              method: 'POST',
              path: '/Users',
              bulkId: 'report',
              data: { ...entraUser, externalId: 'E7002', userName: 'report@acme.test', [ENT]: { department: 'Finance', manager: { value: 'bulkId:boss' } } },
            },
          ],
        }),
      )
      .expect(200);
    expect(res.body.Operations.map((o: any) => [o.bulkId, o.status])).toEqual([
      ['boss', '201'],
      ['report', '201'],
    ]);
    const report = (await events()).find((e) => e.person.employeeId === 'E7002')!;
    expect(report.person.managerEmployeeId).toBe('E7001');
    const reportId = res.body.Operations[1].location.split('/').pop();
    await scim().delete(`/scim/v2/Users/${reportId}`).set(auth).expect(204);
    expect((await events()).filter((e) => e.person.employeeId === 'E7002').map((e) => [e.type, e.immediate])).toEqual([
      ['hire', false],
      ['leave', true],
    ]);
  });
});

describe('SCIM 2.0 inbound without its token set', () => {
  let api: ScimApi;
  beforeAll(async () => (api = await startScimApi({})));
  afterAll(() => api?.close());

  it('answers 503 saying which environment variable to set, to any token', async () => {
    const res = await request(api.app.getHttpServer()).get('/scim/v2/Users').set('Authorization', `Bearer ${TOKEN}`).expect(503);
    expect(res.body).toMatchObject({ schemas: [ERROR], status: '503', detail: expect.stringContaining('VIGIE_SCIM_TOKEN') });
  });
});

/** A small seeded generator (mulberry32): the same malformed requests on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

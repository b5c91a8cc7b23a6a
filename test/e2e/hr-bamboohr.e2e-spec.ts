/**
 * BambooHR's webhook end to end on a real PostgreSQL: a delivery signed as BambooHR documents it is stored as an HR
 * event before the answer (a notification, whose details the worker will fetch), once however often it is sent; a
 * forged, replayed or otherwise signed delivery is refused and stores nothing. The directory is never asked here.
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { bambooHrHeaders } from '#vigie/hr/testing';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { OpenApiResponseValidator, committedOpenApiDocument } from '../support/openapi-contract.js';
import { publishedFileFor, trailKeyEnv } from '../support/trail.js';

const WEBHOOK_KEY = 'bamboohr-private-key-of-the-test-webhook';
const HR_SECRET = 'the-generic-hr-webhook-secret-of-32-chars-at-least';
const now = () => String(Math.floor(Date.now() / 1000));

/** An event-based delivery, as https://documentation.bamboohr.com/docs/event-based-webhooks shows it. */
const notification = (employeeId: string) =>
  JSON.stringify({ type: 'employee.updated', timestamp: '2026-12-07T10:42:00+0000', data: { companyId: '12345', employeeId, changedFields: ['jobTitle'] } });

describe('POST /api/hr/bamboohr', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      env: {
        DATABASE_URL: db.url,
        VIGIE_BAMBOOHR_API_KEY: 'api-key-never-used-here',
        VIGIE_BAMBOOHR_WEBHOOK_KEY: WEBHOOK_KEY,
        VIGIE_HR_WEBHOOK_SECRET: HR_SECRET,
        LDAP_PASSWORD: 'unused',
        ...trailKeyEnv(),
      },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        trail: { publish: { file: publishedFileFor(db.url) } },
        // Where accounts would be made; receiving an event never reaches it.
        directories: [
          {
            name: 'corp',
            kind: 'ldap',
            url: 'ldap://127.0.0.1:1',
            baseDn: 'dc=acme,dc=test',
            bindDn: 'cn=admin,dc=acme,dc=test',
            bindPasswordEnv: 'LDAP_PASSWORD',
          },
        ],
        hr: { directory: 'corp', bamboohr: { companyDomain: 'acme', apiUrl: 'http://127.0.0.1:1' } },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  /** Every answer, checked at the end against docs/openapi.json. */
  const answers: Array<{ status: number; contentType: string | null; body: unknown }> = [];
  const post = async (body: string, headers: Record<string, string>) => {
    const res = await request(app.getHttpServer()).post('/api/hr/bamboohr').set('content-type', 'application/json').set(headers).send(body);
    answers.push({ status: res.status, contentType: res.headers['content-type'] ?? null, body: res.body });
    return res;
  };
  const stored = async (employeeId: string) =>
    (await vigie.dependencies.hrEventStore()).findBySourceId('bamboohr', `${employeeId}:updated:2026-12-07T10:42:00.000Z`);

  it('stores a signed notification as an HR event whose details the worker fetches, and a delivery sent again once', async () => {
    const body = notification('67890');
    const first = await post(body, bambooHrHeaders(body, WEBHOOK_KEY, now()));
    expect(first.status).toBe(202);
    expect(first.body.events).toEqual([{ eventId: '67890:updated:2026-12-07T10:42:00.000Z', id: expect.any(String), status: 'pending', duplicate: false }]);
    expect(await stored('67890')).toMatchObject({
      id: first.body.events[0].id,
      source: 'bamboohr',
      type: 'update',
      fetchDetails: true,
      status: 'pending',
      person: { employeeId: '67890', firstName: null, title: null },
    });
    // BambooHR sends it again when it got no 2xx: same body, a new timestamp and signature.
    const again = await post(body, bambooHrHeaders(body, WEBHOOK_KEY, String(Number(now()) + 1)));
    expect(again.status).toBe(202);
    expect(again.body.events).toEqual([{ eventId: '67890:updated:2026-12-07T10:42:00.000Z', id: first.body.events[0].id, status: 'pending', duplicate: true }]);
  });

  it('stores each entry of a field-based delivery with what it carries: no details to fetch', async () => {
    // The documentation's field-based example (https://documentation.bamboohr.com/docs/field-based-webhooks), and a deletion.
    const body = JSON.stringify({
      employees: [
        { action: 'Updated', changedFields: ['First Name'], fields: { 'First Name': 'Bryony' }, id: '12345', timestamp: '2026-01-31T18:42:00+0000' },
        { action: 'Deleted', changedFields: [], fields: {}, id: '12346', timestamp: '2026-01-31T18:43:00+0000' },
      ],
    });
    const res = await post(body, bambooHrHeaders(body, WEBHOOK_KEY, now()));
    expect(res.status).toBe(202);
    expect(res.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([
      '12345:updated:2026-01-31T18:42:00.000Z',
      '12346:deleted:2026-01-31T18:43:00.000Z',
    ]);
    const store = await vigie.dependencies.hrEventStore();
    expect(await store.findBySourceId('bamboohr', '12345:updated:2026-01-31T18:42:00.000Z')).toMatchObject({
      type: 'update',
      fetchDetails: false,
      person: { employeeId: '12345', firstName: 'Bryony' },
    });
    expect(await store.findBySourceId('bamboohr', '12346:deleted:2026-01-31T18:43:00.000Z')).toMatchObject({
      type: 'leave',
      immediate: true,
      fetchDetails: false,
    });
  });

  it('refuses a forged signature, a replayed delivery, missing headers and the generic secret with 401, and stores nothing', async () => {
    const body = notification('11111');
    const signed = bambooHrHeaders(body, WEBHOOK_KEY, now());
    const forged = await post(body, bambooHrHeaders(body, 'not-the-private-key', now()));
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ statusCode: 401, error: 'unauthenticated' });
    const tampered = await post(body.replace('11111', '11112'), signed);
    expect(tampered.status).toBe(401);
    const old = String(Number(now()) - 3600);
    expect((await post(body, bambooHrHeaders(body, WEBHOOK_KEY, old))).status).toBe(401);
    expect((await post(body, {})).status).toBe(401);
    // The generic webhook's secret opens /api/hr/events only.
    expect((await post(body, bambooHrHeaders(body, HR_SECRET, now()))).status).toBe(401);
    expect(await stored('11111')).toBeNull();
    expect(await stored('11112')).toBeNull();
  });

  it('answers 400 naming the fault for a signed body that is not a BambooHR delivery, and 413 for one too large', async () => {
    const notJson = 'type=employee.updated&data[employeeId]=1';
    const bad = await post(notJson, bambooHrHeaders(notJson, WEBHOOK_KEY, now()));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/expected JSON/);
    const wrong = JSON.stringify({ employees: [{ id: '1', action: 'Hired', timestamp: '2026-12-07T10:42:00+0000' }] });
    const refused = await post(wrong, bambooHrHeaders(wrong, WEBHOOK_KEY, now()));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^employees\[0\]\.action:/);
    const large = JSON.stringify({ employees: [], padding: 'x'.repeat(70_000) });
    expect((await post(large, bambooHrHeaders(large, WEBHOOK_KEY, now()))).status).toBe(413);
  });

  it('answers every signed malformed delivery with a 4xx and stores nothing for it', async () => {
    const db = await vigie.dependencies.database();
    const count = async () => Number((await db.query(`SELECT count(*)::text AS n FROM hr_event`))[0].n);
    const before = await count();
    const entry = { id: '777', action: 'Created', timestamp: '2026-12-07T10:42:00+0000', changedFields: [], fields: { 'Hire Date': '2027-01-04' } };
    // Values no field of an entry takes (null, [] and {} are an absent field, no change and no values: valid).
    const BAD: unknown[] = [true, -1, 1.5, 1e308, '', ' ', 'x'.repeat(10_000), 'a\u0000b', '\u202e', [null], [1], { value: [] }, '2027-02-30', 'Z0'];
    const bodies: unknown[] = [[], 'employees', null, { employees: null }, { employees: [null] }, { type: null, data: {} }];
    for (const bad of BAD) {
      for (const key of ['id', 'action', 'timestamp', 'changedFields', 'fields']) {
        // An object of fields Vigie does not read is a valid entry (a notification).
        if (!(key === 'fields' && typeof bad === 'object' && !Array.isArray(bad))) bodies.push({ employees: [{ ...entry, [key]: bad }] });
      }
      // An empty value is no value (BambooHR posts empty fields so).
      if (bad !== '' && bad !== ' ') bodies.push({ employees: [{ ...entry, fields: { 'Hire Date': bad } }] });
      bodies.push({ type: 'employee.created', timestamp: bad, data: { companyId: '1', employeeId: '1' } });
      bodies.push({ type: 'employee.created', timestamp: '2026-12-07T10:42:00+0000', data: { companyId: '1', employeeId: bad } });
    }
    const statuses = new Map<number, number>();
    for (const b of bodies) {
      const text = JSON.stringify(b);
      const res = await post(text, bambooHrHeaders(text, WEBHOOK_KEY, now()));
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect([...statuses.keys()]).toEqual([400]);
    expect(await count()).toBe(before);
  });

  it('answers each of the above as docs/openapi.json says', () => {
    const validator = new OpenApiResponseValidator(committedOpenApiDocument());
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202, 400, 401, 413]));
    expect(answers.flatMap((a) => validator.check({ method: 'POST', path: '/api/hr/bamboohr', ...a }))).toEqual([]);
  });
});

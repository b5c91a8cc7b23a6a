import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { runCli } from '../support/cli.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { HR_WEBHOOK_SECRET, hrWebhookHeaders } from '../support/hr-webhook.js';
import { OpenApiResponseValidator, committedOpenApiDocument } from '../support/openapi-contract.js';
import { publishedFileFor, trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const SEED = 17_2026;
/** The trail's keys, the same for the API and the command line (one installation). */
const TRAIL_KEYS = trailKeyEnv();

/** A hire as the generic format writes it (docs/hr-events.md). */
const aHire = (eventId: string, person: Record<string, unknown> = {}) => ({
  eventId,
  type: 'hire',
  effectiveDate: '2027-01-04',
  person: {
    employeeId: 'E7001',
    firstName: 'Loïc',
    lastName: "N'Diaye",
    mail: 'loic.ndiaye@acme.test',
    department: 'Finance',
    title: 'Comptable',
    managerEmployeeId: 'E2004',
    site: 'Lyon',
    employeeType: 'employee',
    startDate: '2027-01-04',
    endDate: null,
    ...person,
  },
});

/** mulberry32: the same 1,000 payloads on every run, so that a failure can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const TEXT_FIELDS = ['eventId', 'effectiveDate'] as const;
const PERSON_TEXT = ['employeeId', 'firstName', 'lastName', 'mail', 'department', 'title', 'managerEmployeeId', 'site', 'employeeType', 'startDate', 'endDate'];
const REQUIRED_PERSON = ['employeeId', 'firstName', 'lastName', 'department'];
const BAD_DATES = [
  '2027-02-30',
  '2027-13-01',
  '2027-00-10',
  '27-01-04',
  '2027-1-4',
  '04/01/2027',
  'tomorrow',
  '2027-01-04T25:00:00Z',
  '2027-01-04T10:00:00',
  '0000-01-01',
  '',
];
const CONTROL = ['\u0000', '\n', '\r', '\t', '\u001b[31m', '\u202e', '\u2028'];

/**
 * One malformed body, by construction: each mutation alone makes the event invalid (a field of the wrong type, a
 * required one missing, a date that is no day of the calendar, a string past its bound, a control character, an
 * unknown key, a department the policy does not map, nested garbage), and one to three of them are applied; or a body
 * that is no JSON object at all.
 */
function malformedPayload(rng: ReturnType<typeof seeded>): string {
  const junk = () =>
    rng.pick<unknown>([42, -1.5, true, false, [], ['a'], {}, { a: { b: [1, { c: null }] } }, 1e308, Number.MAX_SAFE_INTEGER, nested(1 + rng.int(60))]);
  if (rng.next() < 0.12) {
    return rng.pick([
      '',
      '{',
      '{"eventId": "x",',
      'undefined',
      'null',
      '[]',
      '"a string"',
      '12',
      'true',
      '{"eventId": "x"}}',
      "{'eventId': 'single quotes'}",
      '\u0000\u0001\u0002',
      `[${'['.repeat(2000)}${']'.repeat(2000)}]`,
      Buffer.from(Array.from({ length: 64 }, () => rng.int(256))).toString('latin1'),
      JSON.stringify(nested(500)),
    ]);
  }
  const body: Record<string, unknown> = structuredClone(aHire(`evt-fuzz-${rng.int(1e9)}`)) as Record<string, unknown>;
  const person = body.person as Record<string, unknown>;
  const mutations = 1 + rng.int(3);
  for (let i = 0; i < mutations; i++) {
    switch (rng.int(11)) {
      case 0:
        body[rng.pick(TEXT_FIELDS)] = junk();
        break;
      case 1:
        person[rng.pick(PERSON_TEXT)] = rng.pick<unknown>([42, true, [], {}, ['x']]);
        break;
      case 2:
        if (rng.next() < 0.5) delete body[rng.pick(['eventId', 'type', 'effectiveDate', 'person'])];
        else delete person[rng.pick(REQUIRED_PERSON)];
        break;
      case 3:
        if (rng.next() < 0.5) body.effectiveDate = rng.pick(BAD_DATES);
        else person[rng.pick(['startDate', 'endDate'])] = rng.pick(BAD_DATES.filter(Boolean));
        break;
      case 4: {
        const n = rng.pick([201, 1000, 20_000, 60_000]);
        if (rng.next() < 0.5) body.eventId = 'e'.repeat(n);
        else person[rng.pick(['firstName', 'lastName', 'title'])] = 'x'.repeat(n);
        break;
      }
      case 5:
        person[rng.pick(['firstName', 'lastName', 'employeeId', 'title'])] = `Jean${rng.pick(CONTROL)}Dupont`;
        break;
      case 6:
        // defineProperty: `__proto__` assigned would set no key at all (and the body would stay valid).
        if (rng.next() < 0.5)
          Object.defineProperty(body, rng.pick(['source', 'extra', '__proto__', 'constructor', 'Person']), { value: 'x', enumerable: true });
        else person[rng.pick(['salary', 'password', 'dn', 'memberOf'])] = 'cn=admins';
        break;
      case 7:
        person.department = rng.pick(['Marketing', 'Finances', 'R&D', '*', 'OU=Finance,DC=acme,DC=test']);
        break;
      case 8:
        body.person = rng.pick<unknown>(['E7001', null, [], 7, nested(1 + rng.int(200))]);
        break;
      case 9:
        body.type = rng.pick<unknown>(['fire', 'HIRE', '', null, 3, ['hire']]);
        break;
      default:
        if (rng.next() < 0.5) body.type = 'cancel';
        else body.immediate = rng.pick<unknown>([true, 'yes', 1]);
    }
  }
  return JSON.stringify(body);
}

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { v };
  return v;
}

/**
 * The signed HR webhook (POST /api/hr/events) on a real PostgreSQL, with an HR directory configured that is never
 * reached (its server does not exist): the answer never depends on the directory.
 */
describe('the HR webhook', () => {
  const validator = new OpenApiResponseValidator(committedOpenApiDocument());
  let db: TestDatabase;
  let app: INestApplication;
  let vigie: Vigie;
  let baseUrl: string;
  let admin: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      env: { DATABASE_URL: db.url, VIGIE_HR_WEBHOOK_SECRET: HR_WEBHOOK_SECRET, ...TRAIL_KEYS },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [
          { name: 'corp', kind: 'ldif', file: fixture('ldif/ok/openldap-company.ldif') },
          // Port 9 (discard) answers nothing: a directory down, which receiving must not notice.
          { name: 'corp-ldap', kind: 'ldap', url: 'ldap://127.0.0.1:9', baseDn: 'dc=acme,dc=test' },
        ],
        hr: { directory: 'corp-ldap' },
        policy: { dir: fixture('hr-events/policy') },
        trail: { publish: { file: publishedFileFor(db.url) } },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    admin = (await vigie.run('create-token', { name: 'hr-admin', role: 'admin' })).token;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const sql = async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
    (await vigie.dependencies.database()).query(text, params) as Promise<T[]>;
  const count = async (table: string) => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  async function post(body: string | Buffer, headers: Record<string, string> = hrWebhookHeaders(body)) {
    const res = await fetch(`${baseUrl}/api/hr/events`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // Kept as text: the assertion shows it.
    }
    return { status: res.status, body: json as Record<string, unknown>, contentType: res.headers.get('content-type') };
  }

  const checked = (r: Awaited<ReturnType<typeof post>>) => {
    expect(validator.check({ method: 'POST', path: '/api/hr/events', ...r })).toEqual([]);
    return r;
  };

  it('stores a good event before answering 202, with its person and a trail entry, the directory down', async () => {
    const answer = checked(await post(JSON.stringify(aHire('evt-good'))));
    expect(answer).toMatchObject({ status: 202, body: { id: expect.any(String), status: 'pending', duplicate: false } });
    const [row] = await sql<{ source: string; event_id: string; status: string; employee_id: string }>(
      `SELECT source, event_id, status, employee_id FROM hr_event WHERE id = $1`,
      [answer.body.id],
    );
    expect(row).toEqual({ source: 'webhook', event_id: 'evt-good', status: 'pending', employee_id: 'E7001' });
    expect(await sql(`SELECT user_name, active FROM hr_person WHERE employee_id = 'E7001'`)).toEqual([{ user_name: null, active: true }]);
    expect((await sql(`SELECT action FROM trail_entry WHERE action = 'hr-event.received'`)).length).toBe(1);
  });

  it('keeps one row for the same event sent twice, and answers the same id', async () => {
    const body = JSON.stringify(aHire('evt-twice', { employeeId: 'E7002' }));
    const first = await post(body);
    const again = checked(await post(body));
    expect(again).toMatchObject({ status: 202, body: { id: first.body.id, duplicate: true } });
    expect(await sql(`SELECT id FROM hr_event WHERE event_id = 'evt-twice'`)).toEqual([{ id: first.body.id }]);
  });

  it('refuses a replayed signature (an old timestamp) and a forged one with 401 and no detail, stores nothing, and records the refusal', async () => {
    const before = await count('hr_event');
    const replayedBody = JSON.stringify(aHire('evt-replayed', { employeeId: 'E7003' }));
    const replayed = checked(await post(replayedBody, hrWebhookHeaders(replayedBody, { at: Math.floor(Date.now() / 1000) - 3600 })));
    const forgedBody = JSON.stringify(aHire('evt-forged', { employeeId: 'E7004' }));
    const forged = checked(await post(forgedBody, hrWebhookHeaders(forgedBody, { secret: 'a secret an attacker guessed, long enough' })));
    const unsigned = checked(await post(forgedBody, {}));
    for (const r of [replayed, forged, unsigned]) {
      expect(r.status).toBe(401);
      expect(r.body.message).toMatch(/^the HR event is refused: its signature is missing, not valid, or outside the time window/);
    }
    expect(await count('hr_event')).toBe(before);
    expect(await sql(`SELECT 1 FROM hr_person WHERE employee_id IN ('E7003', 'E7004')`)).toEqual([]);
    // The throttle's trail entry for the first refusal of the window from this address.
    expect((await sql(`SELECT action FROM trail_entry WHERE action = 'auth.failed' AND target_id = 'POST /api/hr/events'`)).length).toBe(1);
  });

  it('stores an injection attempt in a name as plain text', async () => {
    const firstName = '*)(uid=*))(|(uid=*';
    const lastName = 'x,ou=admins,dc=acme,dc=test\\+';
    const answer = await post(JSON.stringify(aHire('evt-injection', { employeeId: 'E7005', firstName, lastName })));
    expect(answer.status).toBe(202);
    const [row] = await sql<{ body: { person: Record<string, unknown> } }>(`SELECT body FROM hr_event WHERE id = $1`, [answer.body.id]);
    expect(row!.body.person).toMatchObject({ firstName, lastName });
  });

  it('answers 1,000 correctly signed malformed payloads with a 4xx naming the problem, never a 5xx, and stores nothing', async () => {
    const rng = seeded(SEED);
    const [events, persons] = [await count('hr_event'), await count('hr_person')];
    const failures: string[] = [];
    const statuses: Record<number, number> = {};
    for (let i = 0; i < 1000; i++) {
      const payload = malformedPayload(rng);
      const r = await post(payload);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      const named = typeof r.body === 'object' && typeof r.body?.message === 'string' && r.body.message.length > 0;
      if (![400, 413].includes(r.status) || !named) failures.push(`#${i} ${payload.slice(0, 200)} → ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    }
    expect(failures).toEqual([]);
    expect(statuses[400]).toBeGreaterThan(900);
    expect([await count('hr_event'), await count('hr_person')]).toEqual([events, persons]);
    // Still up, and still taking a good event.
    expect((await post(JSON.stringify(aHire('evt-after-fuzz', { employeeId: 'E7006' })))).status).toBe(202);
  });

  it('names the field at fault', async () => {
    const r = checked(await post(JSON.stringify(aHire('evt-bad-date', { startDate: '2027-02-30' }))));
    expect(r).toMatchObject({
      status: 400,
      body: { error: 'invalid-input', message: expect.stringMatching(/^person\.startDate: expected a date of the calendar/) },
    });
    const unknown = await post(JSON.stringify(aHire('evt-bad-department', { department: 'Marketing' })));
    expect(unknown.body.message).toMatch(/^person\.department: unknown department "Marketing": the policy knows Finance, Ressources Humaines/);
  });

  it('refuses a 70 KB body with 413 before reading it, even correctly signed', async () => {
    const body = JSON.stringify(aHire('evt-huge', { title: 'x'.repeat(70 * 1024) }));
    const r = checked(await post(body));
    expect(r).toMatchObject({ status: 413, body: { statusCode: 413, message: expect.stringContaining('larger than 65536 bytes') } });
    expect(await sql(`SELECT 1 FROM hr_event WHERE event_id = 'evt-huge'`)).toEqual([]);
  });

  it('lists the events to the admin with their status, the dead-letter list too, and refuses to replay a pending one', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    const page = await fetch(`${baseUrl}/api/hr/events?employeeId=E7001`, { headers: auth });
    expect(page.status).toBe(200);
    const body = (await page.json()) as { items: Array<{ id: string; eventId: string; status: string; person: { firstName: string } }> };
    expect(body.items.map((e) => [e.eventId, e.status, e.person.firstName])).toEqual([['evt-good', 'pending', 'Loïc']]);
    expect(validator.check({ method: 'GET', path: '/api/hr/events', status: 200, contentType: page.headers.get('content-type'), body })).toEqual([]);
    const dead = await fetch(`${baseUrl}/api/hr/events?status=dead`, { headers: auth });
    expect(await dead.json()).toEqual({ items: [], nextCursor: null });
    const path = '/api/hr/events/{id}/replay';
    const replay = await fetch(`${baseUrl}/api/hr/events/${body.items[0]!.id}/replay`, { method: 'POST', headers: auth });
    const refused = { method: 'POST', path, status: replay.status, contentType: replay.headers.get('content-type'), body: await replay.json() };
    expect(refused).toMatchObject({ status: 409, body: { error: 'conflict', message: expect.stringContaining('only a dead event') } });
    expect(validator.check(refused)).toEqual([]);
  });

  it('shows the events at the terminal with the built `vigie hr events`, and refuses to replay a pending one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-hr-cli-'));
    try {
      const config = join(dir, 'vigie.yaml');
      writeFileSync(
        config,
        [
          'directories:',
          '  - { name: corp-ldap, kind: ldap, url: "ldap://127.0.0.1:9", baseDn: "dc=acme,dc=test" }',
          'hr: { directory: corp-ldap }',
          `policy: { dir: ${JSON.stringify(fixture('hr-events/policy'))} }`,
          '',
        ].join('\n'),
      );
      const env = { DATABASE_URL: db.url, VIGIE_CONFIG: config, ...TRAIL_KEYS };
      const listed = await runCli(['hr', 'events', '--employee', 'E7001', '--json'], env);
      expect([listed.code, listed.stderr]).toEqual([0, '']);
      const { items } = JSON.parse(listed.stdout) as { items: Array<{ id: string; eventId: string; status: string }> };
      expect(items.map((e) => [e.eventId, e.status])).toEqual([['evt-good', 'pending']]);
      const table = await runCli(['hr', 'events', '--status', 'pending', '--limit', '1'], env);
      expect(table.stdout).toMatch(new RegExp(`^[0-9a-f-]{36}  \\S+  hire  pending  effective 2027-01-03T23:00Z  E7006  webhook:evt-after-fuzz  tries 0\n`));
      const replay = await runCli(['hr', 'replay', items[0]!.id], env);
      expect(replay.code).not.toBe(0);
      expect(replay.stderr).toContain('only a dead event (or one still retrying) is replayed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

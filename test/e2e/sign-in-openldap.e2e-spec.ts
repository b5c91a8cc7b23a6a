/**
 * People sign in to the API with their account of a real OpenLDAP (over LDAPS), on a real PostgreSQL: the session
 * cookie and its attributes, roles from mapped groups (nesting followed), a person removed from the group losing
 * access at their next request, CSRF on state-changing requests, sign-out that ends the session on the server, logins
 * that try to inject an LDAP filter, and the break-glass administrator.
 */
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type Vigie, createVigie } from '#vigie/application';
import { hashPassword } from '#vigie/access-control';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { ldapModify, type SlapdInstance, startSlapd } from '../support/slapd.js';
import { trailKeyEnv } from '../support/trail.js';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver.js';

const SUFFIX = 'dc=acme,dc=test';
const PASSWORD = 'Right-Pw-2026';
const person = (uid: string) => `uid=${uid},ou=people,${SUFFIX}`;
const group = (cn: string) => `cn=${cn},ou=groups,${SUFFIX}`;
const entry = (dn: string, ...lines: string[]) => [`dn: ${dn}`, ...lines].join('\n') + '\n';
const personLdif = (uid: string, name: string) =>
  entry(person(uid), 'objectClass: inetOrgPerson', `uid: ${uid}`, `cn: ${name}`, `sn: ${name}`, `displayName: ${name}`, `userPassword: ${PASSWORD}`);

const LDIF = [
  entry(`ou=people,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: people'),
  entry(`ou=groups,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: groups'),
  personLdif('alice', 'Alice Martin'),
  personLdif('bruno', 'Bruno Durand'),
  personLdif('carole', 'Carole Petit'),
  personLdif('dora', 'Dora Leroy'),
  // groupOfNames needs a member: the filler keeps the group when alice leaves it.
  entry(group('rssi'), 'objectClass: groupOfNames', 'cn: rssi', `member: ${person('alice')}`, `member: cn=filler,${SUFFIX}`),
  // Nested: alice is a security officer through rssi only.
  entry(group('vigie-officers'), 'objectClass: groupOfNames', 'cn: vigie-officers', `member: ${group('rssi')}`),
  entry(group('vigie-admins'), 'objectClass: groupOfNames', 'cn: vigie-admins', `member: ${person('carole')}`, `member: ${person('dora')}`),
  entry(group('marketing'), 'objectClass: groupOfNames', 'cn: marketing', `member: ${person('bruno')}`),
].join('\n');
const GLASS_PASSWORD = 'correct horse battery staple 2026';

describe('signing in with an OpenLDAP account', () => {
  let slapd: SlapdInstance;
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;
  let hook: WebhookReceiver;
  /** What the security officer's webhook received. */
  const received: WebhookReceiver['posts'] = [];
  const http = () => request(app.getHttpServer());

  const signIn = (login: string, password = PASSWORD, method?: string) =>
    http()
      .post('/api/auth/sign-in')
      .send({ login, password, ...(method ? { method } : {}) });
  /** The Cookie header of a sign-in's Set-Cookie. */
  const cookieOf = (res: request.Response) => String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!;

  beforeAll(async () => {
    hook = await startWebhookReceiver(received);
    [slapd, db] = await Promise.all([startSlapd({ ldif: LDIF, tls: true }), createTestDatabase()]);
    const config = loadConfig({
      env: { DATABASE_URL: db.url, LDAP_PASSWORD: slapd.rootPassword, VIGIE_AUTH_BREAK_GLASS_HASH: await hashPassword(GLASS_PASSWORD), ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        directories: [
          {
            name: 'corp-ldap',
            kind: 'ldap',
            url: slapd.ldapsUrl,
            caFile: slapd.caFile,
            baseDn: SUFFIX,
            bindDn: slapd.rootDn,
            bindPasswordEnv: 'LDAP_PASSWORD',
          },
        ],
        auth: {
          directory: { directory: 'corp-ldap' },
          roles: [
            { group: group('vigie-admins'), roles: ['admin'] },
            // Written in another case than the directory's: DNs compare normalised.
            { group: 'CN=Vigie-Officers,OU=Groups,DC=ACME,DC=TEST', roles: ['security-officer'] },
          ],
          breakGlass: { enabled: true },
          attempts: { accountDelayAfter: 2, accountLockoutAfter: 3 },
        },
        alerts: { webhook: { url: hook.url } },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([slapd?.stop(), db?.drop()]);
    await hook?.close();
  });

  it('opens a session in an HTTP-only, Secure, SameSite=Strict host cookie, with the roles of the nested group', async () => {
    const res = await signIn('alice').expect(200);
    expect(res.body).toEqual({
      staff: { name: 'Alice Martin', roles: ['security-officer'], method: 'directory' },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
    });
    const setCookie = String(res.headers['set-cookie']?.[0]);
    expect(setCookie).toMatch(/^__Host-vigie_session=[A-Za-z0-9_-]{43}; Path=\/; Expires=.+; HttpOnly; Secure; SameSite=Strict$/);
    const cookie = cookieOf(res);
    expect((await http().get('/api/auth/session').set('Cookie', cookie).expect(200)).body).toEqual({
      staff: { name: 'Alice Martin', roles: ['security-officer'], method: 'directory' },
      csrfToken: res.body.csrfToken,
      rules: expect.arrayContaining([['update', 'Finding']]),
    });
    // What the role allows, and nothing more.
    await http().get('/metrics').set('Cookie', cookie).expect(200);
    await http()
      .get('/api/tokens')
      .set('Cookie', cookie)
      .expect((r) => expect([403, 404]).toContain(r.status));
  });

  it('refuses a wrong password and an unknown login alike, and a sign-in that is not JSON', async () => {
    const wrong = await signIn('alice', 'nope').expect(401);
    const unknown = await signIn('zoe').expect(401);
    expect(wrong.body.message).toBe('wrong login or password');
    expect(unknown.body.message).toBe(wrong.body.message);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const form = await http().post('/api/auth/sign-in').type('form').send({ login: 'alice', password: PASSWORD }).expect(400);
    expect(form.body.message).toMatch(/as JSON/);
  });

  it.each(['*)(uid=*', 'admin)(|(uid=*', '*', 'alice)(objectClass=*', 'ALICE\u0000'])(
    'finds nobody for the login %j, even with a real password',
    async (login) => {
      const res = await signIn(login);
      expect([400, 401]).toContain(res.status);
      expect(res.headers['set-cookie']).toBeUndefined();
    },
  );

  it('refuses a person whose groups map to no role', async () => {
    const res = await signIn('bruno').expect(403);
    expect(res.body.message).toMatch(/no role in Vigie/);
  });

  it('asks for the CSRF token of the session on a request that changes something', async () => {
    const res = await signIn('alice').expect(200);
    const cookie = cookieOf(res);
    const refused = await http().post('/api/audits').set('Cookie', cookie).send({}).expect(403);
    expect(refused.body.message).toMatch(/CSRF token/);
    await http().post('/api/audits').set('Cookie', cookie).set('X-CSRF-Token', 'x'.repeat(43)).send({}).expect(403);
    // With its token, the request reaches the route (which has no synchronised directory to audit yet).
    const passed = await http().post('/api/audits').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken).send({});
    expect([201, 409]).toContain(passed.status);
  });

  it('takes access away at the next request of a person removed from the mapped group', async () => {
    const cookie = cookieOf(await signIn('alice').expect(200));
    await http().get('/metrics').set('Cookie', cookie).expect(200);
    await ldapModify(slapd, `dn: ${group('rssi')}\nchangetype: modify\ndelete: member\nmember: ${person('alice')}\n`);
    const refused = await http().get('/metrics').set('Cookie', cookie).expect(401);
    expect(refused.body.message).toMatch(/session has ended/);
    // Back in the group, the ended session stays ended: she signs in again.
    await ldapModify(slapd, `dn: ${group('rssi')}\nchangetype: modify\nadd: member\nmember: ${person('alice')}\n`);
    await http().get('/metrics').set('Cookie', cookie).expect(401);
    await signIn('alice').expect(200);
  });

  it('ends the session on the server at sign-out: the same cookie opens nothing afterwards', async () => {
    const res = await signIn('carole').expect(200);
    const cookie = cookieOf(res);
    await http().post('/api/auth/sign-out').set('Cookie', cookie).expect(403);
    const out = await http().post('/api/auth/sign-out').set('Cookie', cookie).set('X-CSRF-Token', res.body.csrfToken).expect(200);
    expect(out.body).toEqual({ signedOut: true });
    expect(String(out.headers['set-cookie']?.[0])).toMatch(/^__Host-vigie_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    await http().get('/api/auth/session').set('Cookie', cookie).expect(401);
    await http().get('/metrics').set('Cookie', cookie).expect(401);
  });

  it('lets the break-glass administrator in with its own method, and nobody with its password under another login', async () => {
    await signIn('vigie-break-glass', GLASS_PASSWORD).expect(401);
    await signIn('carole', GLASS_PASSWORD, 'break-glass').expect(401);
    expect(received.filter((r) => r.kind === 'break-glass')).toEqual([]);
    const res = await signIn('vigie-break-glass', GLASS_PASSWORD, 'break-glass').expect(200);
    expect(res.body.staff).toEqual({ name: 'vigie-break-glass', roles: ['admin'], method: 'break-glass' });
    // The security officer is told at once (the sign-in does not wait for the delivery).
    for (let i = 0; i < 50 && !received.some((r) => r.kind === 'break-glass'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received.filter((r) => r.kind === 'break-glass')).toEqual([
      expect.objectContaining({
        event: 'security.event',
        title: '[Vigie] the break-glass administrator signed in',
        text: expect.stringMatching(/signed in to Vigie at/),
      }),
    ]);
    expect(JSON.stringify(received)).not.toContain(GLASS_PASSWORD);
  });

  it('holds an account back after repeated wrong passwords (a growing delay, then a lockout): even the right one gets 429, while others still sign in', async () => {
    await signIn('dora', 'guess-1').expect(401);
    await signIn('dora', 'guess-2').expect(401);
    // From the third failure on, each attempt must wait: wrong or right, refused without trying the password.
    const waiting = await signIn('dora', 'guess-3');
    expect([401, 429]).toContain(waiting.status);
    const locked = await signIn('dora').expect(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.message).toMatch(/too many failed sign-ins for this login/);
    await signIn('carole').expect(200);
  });

  it('records sign-ins, sign-outs and refusals in the trail, never a password', async () => {
    const entries = await (await vigie.dependencies.trailStore()).query({ chain: ['access'] }, null, 500);
    const actions = entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.signed-in', 'auth.signed-out', 'auth.failed', 'auth.session-ended']));
    expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    expect(JSON.stringify(entries)).not.toContain(GLASS_PASSWORD);
  });
});

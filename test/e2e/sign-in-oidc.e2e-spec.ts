/**
 * People sign in to the API through a real OpenID Connect provider (oidc-provider, with its login and consent pages),
 * on a real PostgreSQL, the API listening on a real port that the provider sends the browser back to: the binding
 * cookie of the browser that started, the session cookie at the callback, roles from the claim, CSRF on a request that
 * changes something, sign-out; a callback replayed or brought by another browser, a person with no role, and OIDC not
 * set up. The browser is plain fetch with cookies kept by hand (test/support/http-browser.ts).
 */
import type { INestApplication } from '@nestjs/common';
import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type BrowserResponse, HttpBrowser } from '../support/http-browser.js';
import { OIDC_TEST_PEOPLE, type TestOidcProvider, freePort, startOidcProvider } from '../support/oidc-provider.js';
import { trailKeyEnv } from '../support/trail.js';

/** Dave is in no group that auth.roles maps. */
const PEOPLE = [...OIDC_TEST_PEOPLE, { login: 'dave', name: 'Dave Leroy', groups: ['marketing'] }];
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The Set-Cookie line of a cookie in an answer, if any. */
const setCookieOf = (res: BrowserResponse, name: string) => res.setCookies.find((line) => line.startsWith(`${name}=`));

describe('signing in through a real OpenID Connect provider', () => {
  let provider: TestOidcProvider;
  let db: TestDatabase;
  let vigie: Vigie;
  let app: INestApplication;
  let base: string;
  let callbackUri: string;

  /** A browser starts a sign-in at Vigie and follows it to the provider; returns the provider's authorization URL. */
  const startIn = async (browser: HttpBrowser): Promise<string> => {
    const start = await browser.get(`${base}/api/auth/oidc/start`);
    expect(start.status).toBe(302);
    expect(start.location?.startsWith(`${provider.issuer}/`)).toBe(true);
    return start.location!;
  };
  /** The whole flow in one browser, up to the callback's answer. */
  const signIn = async (login: string, browser = new HttpBrowser()) => {
    const callback = await provider.signIn(await startIn(browser), login);
    return { browser, callback, answer: await browser.get(callback.href) };
  };

  beforeAll(async () => {
    // The provider must know Vigie's callback before Vigie knows the provider: Vigie's port is chosen first.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    callbackUri = `${base}/api/auth/oidc/callback`;
    [provider, db] = await Promise.all([startOidcProvider({ redirectUri: callbackUri, people: PEOPLE }), createTestDatabase()]);
    const config = loadConfig({
      env: { DATABASE_URL: db.url, VIGIE_AUTH_OIDC_CLIENT_SECRET: provider.clientSecret, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: {
        log: { level: 'silent' },
        scheduler: { enabled: false },
        auth: {
          // Plain http on loopback: a browser would refuse a Secure cookie here.
          session: { secureCookie: false },
          oidc: {
            issuer: provider.issuer,
            clientId: provider.clientId,
            redirectUri: callbackUri,
            scopes: ['openid', 'profile', 'email', 'groups'],
          },
          roles: [
            { claim: 'vigie-admins', roles: ['admin'] },
            { claim: 'staff', roles: ['employee'] },
          ],
        },
      },
    });
    vigie = createVigie(config);
    app = await createHttpApp(vigie, { withWorker: false });
    await app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([provider?.close(), db?.drop()]);
  });

  it('signs alice in: provider, login and consent, back to the callback with the binding cookie, a session with the roles of her claim', async () => {
    const browser = new HttpBrowser();
    const start = await browser.get(`${base}/api/auth/oidc/start`);
    expect(start.status).toBe(302);
    const authorization = new URL(start.location!);
    expect(`${authorization.origin}`).toBe(provider.issuer);
    expect(authorization.searchParams.get('redirect_uri')).toBe(callbackUri);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    // The binding of this browser to its sign-in: HTTP-only, Lax (the provider brings the browser back by a top-level GET), on the OIDC paths only.
    const binding = setCookieOf(start, 'vigie_oidc');
    expect(binding).toMatch(/^vigie_oidc=[A-Za-z0-9_-]{43}; /);
    expect(binding).toMatch(/; Path=\/api\/auth\/oidc(;|$)/);
    expect(binding).toMatch(/; HttpOnly(;|$)/);
    expect(binding).toMatch(/; SameSite=Lax(;|$)/);
    expect(binding).not.toMatch(/Secure/);
    // Nothing of the pending sign-in (state, nonce, verifier) travels in the cookie: only a random value.
    expect(binding).not.toContain(authorization.searchParams.get('state')!);

    const callback = await provider.signIn(authorization.href, 'alice');
    expect(`${callback.origin}${callback.pathname}`).toBe(callbackUri);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const back = await browser.get(callback.href);
    expect(back.status).toBe(302);
    expect(back.location).toBe(`${base}/`);
    expect(setCookieOf(back, 'vigie_session')).toMatch(/^vigie_session=[A-Za-z0-9_-]{43}; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/);
    // The binding is spent: cleared in the browser.
    expect(setCookieOf(back, 'vigie_oidc')).toMatch(/^vigie_oidc=; Path=\/api\/auth\/oidc; Expires=Thu, 01 Jan 1970/);
    expect(browser.cookie(base, 'vigie_oidc')).toBeUndefined();

    const session = await browser.get(`${base}/api/auth/session`);
    expect(session.status).toBe(200);
    expect(session.json).toEqual({
      staff: { name: 'Alice Martin', roles: ['admin', 'employee'], method: 'oidc' },
      csrfToken: expect.stringMatching(TOKEN),
      rules: expect.any(Array),
    });
    // What the role allows: an admin reads the trail.
    expect((await browser.get(`${base}/api/audit-log`)).status).toBe(200);
  });

  it('asks for the CSRF token of the session on a request that changes something, and ends the session at sign-out', async () => {
    const { browser, answer } = await signIn('alice');
    expect(answer.status).toBe(302);
    const { csrfToken } = (await browser.get(`${base}/api/auth/session`)).json as { csrfToken: string };
    const json = { 'content-type': 'application/json' };

    const refused = await browser.post(`${base}/api/audits`, json, '{}');
    expect(refused.status).toBe(403);
    expect((refused.json as { message: string }).message).toMatch(/CSRF token/);
    expect((await browser.post(`${base}/api/audits`, { ...json, 'x-csrf-token': 'x'.repeat(43) }, '{}')).status).toBe(403);
    // With its token the request reaches the route (which has no synchronised directory to audit).
    expect([201, 409]).toContain((await browser.post(`${base}/api/audits`, { ...json, 'x-csrf-token': csrfToken }, '{}')).status);

    const cookie = browser.cookie(base, 'vigie_session')!;
    expect((await browser.post(`${base}/api/auth/sign-out`)).status).toBe(403);
    const out = await browser.post(`${base}/api/auth/sign-out`, { 'x-csrf-token': csrfToken });
    expect(out.status).toBe(200);
    expect(out.json).toEqual({ signedOut: true });
    expect(setCookieOf(out, 'vigie_session')).toMatch(/^vigie_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect(browser.cookie(base, 'vigie_session')).toBeUndefined();
    // The cookie kept by someone else opens nothing any more: the session ended on the server.
    const after = await new HttpBrowser().get(`${base}/api/auth/session`, { cookie: `vigie_session=${cookie}` });
    expect(after.status).toBe(401);
    expect((await new HttpBrowser().get(`${base}/api/audit-log`, { cookie: `vigie_session=${cookie}` })).status).toBe(401);
  });

  it('refuses a callback replayed, even with the binding cookie it came with', async () => {
    const browser = new HttpBrowser();
    const authorizationUrl = await startIn(browser);
    const binding = browser.cookie(base, 'vigie_oidc')!;
    const callback = await provider.signIn(authorizationUrl, 'alice');
    expect((await browser.get(callback.href)).status).toBe(302);

    const sameBrowser = await browser.get(callback.href);
    expect(sameBrowser.status).toBe(401);
    expect(setCookieOf(sameBrowser, 'vigie_session')).toBeUndefined();
    const withBinding = await new HttpBrowser().get(callback.href, { cookie: `vigie_oidc=${binding}` });
    expect(withBinding.status).toBe(401);
    expect((withBinding.json as { message: string }).message).toMatch(/expired or was already used/);
    expect(setCookieOf(withBinding, 'vigie_session')).toBeUndefined();
  });

  it('refuses a callback brought by another browser, and still lets the browser that started finish', async () => {
    const mine = new HttpBrowser();
    const callback = await provider.signIn(await startIn(mine), 'alice');

    // A browser with no sign-in of its own under way.
    const stranger = await new HttpBrowser().get(callback.href);
    expect(stranger.status).toBe(401);
    expect(setCookieOf(stranger, 'vigie_session')).toBeUndefined();
    // A browser that started a sign-in of its own: the state is not its sign-in's.
    const other = new HttpBrowser();
    await startIn(other);
    const crossed = await other.get(callback.href);
    expect(crossed.status).toBe(401);
    expect(setCookieOf(crossed, 'vigie_session')).toBeUndefined();

    // Neither refusal spent the pending sign-in nor the code: the right browser is signed in.
    const back = await mine.get(callback.href);
    expect(back.status).toBe(302);
    expect(setCookieOf(back, 'vigie_session')).toMatch(/^vigie_session=[A-Za-z0-9_-]{43};/);
  });

  it('refuses a person whose claim maps to no role, with no session cookie', async () => {
    const { browser, answer } = await signIn('dave');
    expect(answer.status).toBe(403);
    expect((answer.json as { message: string }).message).toMatch(/no role in Vigie/);
    expect(setCookieOf(answer, 'vigie_session')).toBeUndefined();
    expect(browser.cookie(base, 'vigie_session')).toBeUndefined();
    expect((await browser.get(`${base}/api/auth/session`)).status).toBe(401);
    // Bob, whose claim holds a mapped value, gets that role alone.
    const bob = await signIn('bob');
    expect(bob.answer.status).toBe(302);
    expect((await bob.browser.get(`${base}/api/auth/session`)).json).toMatchObject({ staff: { name: 'Bob Durand', roles: ['employee'], method: 'oidc' } });
    expect((await bob.browser.get(`${base}/api/audit-log`)).status).toBe(403);
  });

  it('records the sign-ins with method oidc and the refusals in the trail, never a code or the client secret', async () => {
    const { callback } = await signIn('alice');
    const entries = (await vigie.run('query-trail', { action: 'auth.*', limit: 500 })).entries;
    const signedIn = entries.filter((e) => e.action === 'auth.signed-in');
    expect(signedIn.length).toBeGreaterThanOrEqual(5);
    for (const entry of signedIn) expect(entry.after).toMatchObject({ method: 'oidc' });
    expect(signedIn.map((e) => (e.after as { roles: string[] }).roles)).toEqual(expect.arrayContaining([['admin', 'employee'], ['employee']]));
    const reasons = entries.filter((e) => e.action === 'auth.failed').map((e) => (e.after as { reason: string }).reason);
    // Refusals are counted per address: the trail has the window's first (the later ones, a replayed callback, a state
    // mismatch, a person with no role, are in its count, summarised when the window closes), never one entry per call.
    expect(reasons).toEqual([expect.stringMatching(/no pending sign-in/)]);
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.signed-out']));
    const text = JSON.stringify(entries);
    expect(text).not.toContain(callback.searchParams.get('code')!);
    expect(text).not.toContain(provider.clientSecret);
  });
});

describe('signing in through OpenID Connect when it is not set up', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      env: { DATABASE_URL: db.url, ...trailKeyEnv() },
      file: '/dev/null',
      overrides: { log: { level: 'silent' }, scheduler: { enabled: false }, auth: { session: { secureCookie: false } } },
    });
    app = await createHttpApp(createVigie(config), { withWorker: false });
    await app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers 404 at the start, sets no binding cookie and sends the browser nowhere', async () => {
    const res = await new HttpBrowser().get(`${await app.getUrl()}/api/auth/oidc/start`);
    expect(res.status).toBe(404);
    expect((res.json as { message: string }).message).toMatch(/auth\.oidc/);
    expect(res.location).toBeUndefined();
    expect(setCookieOf(res, 'vigie_oidc')).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { STAFF_ROLES, type StaffPerson, TOKEN_ROLES } from '#vigie/access-control';
import { PERMISSION_MATRIX, type PermissionEntry } from '../../apps/api/src/auth/permission-matrix.js';
import { IS_PUBLIC } from '../../apps/api/src/auth/public.decorator.js';
import { REQUIRED_ABILITY, type RequiredAbility } from '../../apps/api/src/auth/require-ability.decorator.js';
import { SCIM_TOKEN } from '../../apps/api/src/auth/scim-token.decorator.js';
import { ANY_STAFF } from '../../apps/api/src/auth/signed-in.decorator.js';
import { PERMISSIONS_DOC, renderPermissions } from '../../scripts/permissions/render-permissions.js';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';
import { type TestSession, signInAs } from '../support/staff-sessions.js';

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** `GET /api/findings/{id}/acknowledge`: a route as the matrix and the OpenAPI document name it. */
const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/(.)\/$/, '$1').replace(/:(\w+)/g, '{$1}')}`;

/** Every route the HTTP server answers, read from Express's router: Nest's controllers and the documentation's routes alike. */
function servedRoutes(app: INestApplication): string[] {
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } }).router;
  const keys = router.stack
    .flatMap((layer) => (layer.route ? [layer.route] : []))
    .flatMap((route) =>
      (Array.isArray(route.path) ? route.path : [route.path]).flatMap((path) =>
        Object.keys(route.methods)
          .filter((m) => route.methods[m] && m !== '_all')
          .map((m) => routeKey(m, path)),
      ),
    );
  return [...new Set(keys)].sort();
}

/** What each Nest route declares (public, or its ability), read from its controller's metadata through Nest's container. */
function declaredAbilities(app: INestApplication): Map<string, string> {
  const out = new Map<string, string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = (Reflect.getMetadata(PATH_METADATA, type) as string | undefined) ?? '';
      const classPublic = Reflect.getMetadata(IS_PUBLIC, type) === true;
      const classScim = Reflect.getMetadata(SCIM_TOKEN, type) === true;
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        // The descriptor's value: reading a getter of the prototype (a controller's settings) would run it.
        const handler = Object.getOwnPropertyDescriptor(type.prototype, name)?.value as unknown;
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const paths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat();
        const ability = Reflect.getMetadata(REQUIRED_ABILITY, handler) as RequiredAbility | undefined;
        const signedIn = Reflect.getMetadata(ANY_STAFF, handler) === true;
        const declared =
          classPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true
            ? 'public'
            : classScim || Reflect.getMetadata(SCIM_TOKEN, handler) === true
              ? 'scim-token'
              : signedIn
                ? 'signed-in'
                : ability
                  ? `${ability.action} ${ability.subject}`
                  : 'none';
        for (const path of paths) out.set(routeKey(method, `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/')), declared);
      }
    }
  }
  return out;
}

/** The SCIM token (hr.scim.token): it opens the SCIM routes and nothing else. */
const SCIM = 'scim-token-for-the-permission-matrix-0123456789';

/** bmartin of the company's directory, as a person signed in: what "own" records compare with. */
const BMARTIN: StaffPerson = { directory: 'corp', dn: 'uid=bmartin,ou=people,dc=acme,dc=test', login: 'bmartin' };

/** What an allowed caller gets from a route's probe, by how it called. */
const expected = (entry: PermissionEntry, by: 'token' | 'session') => (typeof entry.probe.expect === 'number' ? entry.probe.expect : entry.probe.expect[by]);

/**
 * The permission matrix (apps/api/src/auth/permission-matrix.ts) against the running API on a real PostgreSQL: every
 * route the server answers has an entry, and each entry holds for every role, with an API token (the roles a token
 * may carry) and with a web session (every role; the session's person is bmartin), without credentials, with an
 * expired token and with a revoked token.
 */
describe('the permission matrix', () => {
  let api: CompanyApi;
  let app: INestApplication;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // Three refused credentials per route from one address: more than a source may fail by default (50 in a window)
    // once the routes number more than 16; the lockout itself is tested in sign-in-lockout.e2e-spec.ts.
    api = await startCompanyApi({
      env: { VIGIE_SCIM_TOKEN: SCIM },
      overrides: { auth: { attempts: { sourceLockoutAfter: 10_000, burstAlertPerMinute: 10_000 } } },
    });
    app = api.app;
    for (const role of TOKEN_ROLES) tokens[role] = (await api.vigie.run('create-token', { name: `matrix-${role}`, role })).token;
    const expired = await api.vigie.run('create-token', { name: 'matrix-expired', role: 'admin', expiresInDays: 1 });
    const db = await api.vigie.dependencies.database();
    await db.query(`UPDATE api_token SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.record.id]);
    tokens['expired token'] = expired.token;
    const revoked = await api.vigie.run('create-token', { name: 'matrix-revoked', role: 'admin' });
    await api.vigie.run('revoke-token', { id: revoked.record.id });
    tokens['revoked token'] = revoked.token;
  });

  afterAll(() => api?.close());

  it('has an entry for every route the API serves, and none for a route it does not', () => {
    const served = servedRoutes(app);
    expect(served.length).toBeGreaterThan(10);
    const missing = served.filter((r) => !Object.hasOwn(PERMISSION_MATRIX, r));
    expect(missing.map((r) => `${r} has no entry in apps/api/src/auth/permission-matrix.ts: say who may use it`)).toEqual([]);
    expect(Object.keys(PERMISSION_MATRIX).filter((r) => !served.includes(r))).toEqual([]);
  });

  it('names for each Nest route the ability its controller declares, and no route declares none', () => {
    const declared = declaredAbilities(app);
    expect(declared.size).toBeGreaterThan(8);
    for (const [route, ability] of declared) expect({ route, ability }).toEqual({ route, ability: PERMISSION_MATRIX[route]?.ability });
  });

  it('is what docs/permissions.md says (else run `npm run docs:permissions`)', () => {
    expect(readFileSync(PERMISSIONS_DOC, 'utf8')).toBe(renderPermissions());
  });

  const send = (route: string, entry: PermissionEntry, auth: { token?: string; session?: TestSession } = {}) => {
    const method = route.split(' ')[0]!.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = request(app.getHttpServer())[method](entry.probe.path);
    if (auth.token) req = req.set('Authorization', `Bearer ${auth.token}`);
    if (auth.session) req = req.set('Cookie', auth.session.cookie).set('X-CSRF-Token', auth.session.csrf);
    return entry.probe.body ? req.send(entry.probe.body) : req;
  };

  it.each(Object.entries(PERMISSION_MATRIX))(
    '%s answers each role, by token and by session, and refuses no, expired or revoked credentials (and the SCIM token, but on SCIM)',
    async (route, entry) => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      const open = entry.ability === 'public' || entry.ability === 'signed-in';
      // No staff credential opens SCIM: 401 as for no credentials.
      const scim = entry.ability === 'scim-token';
      for (const role of TOKEN_ROLES) {
        got[`${role} token`] = (await send(route, entry, { token: tokens[role] })).status;
        // `own` is a person's outcome (an employee): no token carries it.
        want[`${role} token`] = scim ? 401 : !open && entry.roles[role] === 'refused' ? 403 : expected(entry, 'token');
      }
      for (const role of STAFF_ROLES) {
        // A session of its own for each request: signing out ends one.
        const session = await signInAs(api.vigie, [role], BMARTIN);
        got[`${role} session`] = (await send(route, entry, { session })).status;
        want[`${role} session`] = scim ? 401 : !open && entry.roles[role] === 'refused' ? 403 : expected(entry, 'session');
      }
      for (const caller of ['no credentials', 'expired token', 'revoked token']) {
        got[caller] = (await send(route, entry, { token: tokens[caller] })).status;
        want[caller] = entry.ability === 'public' ? expected(entry, 'token') : 401;
      }
      got['SCIM token'] = (await send(route, entry, { token: SCIM })).status;
      want['SCIM token'] = scim || entry.ability === 'public' ? expected(entry, 'token') : 401;
      expect(got).toEqual(want);
    },
  );

  it('answers an employee another identity’s access exactly as a missing one, and their own', async () => {
    const session = await signInAs(api.vigie, ['employee'], BMARTIN);
    const asEmployee = (path: string) => request(app.getHttpServer()).get(path).set('Cookie', session.cookie);
    expect((await asEmployee('/api/identities/bmartin/access').expect(200)).body.accounts.map((a: { login: string }) => a.login)).toEqual(['bmartin']);
    const other = await asEmployee('/api/identities/adurand/access').expect(404);
    const missing = await asEmployee('/api/identities/nobody-by-this-name/access').expect(404);
    expect(other.body.message).toBe(missing.body.message.replace('nobody-by-this-name', 'adurand'));
    // Who can reach a resource is not one's own record: refused.
    await asEmployee('/api/resources/share-finance/access').expect(403);
  });
});

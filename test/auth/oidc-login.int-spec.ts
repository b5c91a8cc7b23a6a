import { createHash } from 'node:crypto';
import type { OidcLogin } from '#vigie/access-control';
import { createVigie, type Vigie } from '#vigie/application';
import { VigieError } from '#vigie/common';
import { loadConfig } from '#vigie/config';
import { SILENT_LOGGER } from '#vigie/logging';
import { OpenIdClientLogin } from '#vigie/oidc';
import { freePort, startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

/** Vigie composed with auth.oidc pointed at the test provider, its client secret from the environment as in production. */
function vigieSignedInBy(provider: TestOidcProvider, oidc: Record<string, unknown> = {}): Vigie {
  const config = loadConfig({
    env: { VIGIE_AUTH_OIDC_CLIENT_SECRET: provider.clientSecret },
    file: '/dev/null',
    overrides: {
      scheduler: { enabled: false },
      auth: {
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          redirectUri: provider.redirectUri,
          scopes: ['openid', 'profile', 'email', 'groups', 'roles'],
          ...oidc,
        },
      },
    },
  });
  return createVigie(config);
}

/** The VigieError a promise rejects with (failing the test when it resolves or throws something else). */
async function failure(promise: Promise<unknown>): Promise<VigieError> {
  const err = await promise.then(
    () => new Error('expected a failure, got a result'),
    (e: unknown) => e,
  );
  if (!(err instanceof VigieError)) throw err;
  return err;
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

describe('OpenID Connect sign-in against a real provider (oidc-provider)', () => {
  let provider: TestOidcProvider;
  let vigie: Vigie;
  let login: OidcLogin;

  beforeAll(async () => {
    provider = await startOidcProvider();
    vigie = vigieSignedInBy(provider);
    login = await vigie.dependencies.oidcLogin();
  });
  afterAll(async () => {
    await vigie?.close();
    await provider?.close();
  });

  it('is made once by the composition root', async () => {
    expect(await vigie.dependencies.oidcLogin()).toBe(login);
  });

  it('sends the browser to the provider with the code flow, PKCE S256, state and nonce', async () => {
    const { url, pending } = await login.start();
    const params = new URL(url).searchParams;
    expect(url.startsWith(`${provider.issuer}/`)).toBe(true);
    expect(Object.fromEntries(params)).toEqual({
      client_id: provider.clientId,
      response_type: 'code',
      redirect_uri: provider.redirectUri,
      scope: 'openid profile email groups roles',
      code_challenge: s256(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    const other = await login.start();
    expect(other.pending.state).not.toBe(pending.state);
    expect(other.pending.nonce).not.toBe(pending.nonce);
    expect(other.pending.codeVerifier).not.toBe(pending.codeVerifier);
  });

  it('signs a person in through the whole code flow: who they are and the values of the groups claim', async () => {
    const { url, pending } = await login.start();
    const callback = await provider.signIn(url, 'alice');
    expect(callback.searchParams.get('code')).toBeTruthy();
    await expect(login.finish(callback, pending)).resolves.toEqual({
      issuer: provider.issuer,
      subject: 'alice',
      displayName: 'Alice Martin',
      login: 'alice',
      email: 'alice@corp.example',
      claimValues: ['vigie-admins', 'staff'],
    });
  });

  it('refuses a callback whose state is not the pending one, without spending its code', async () => {
    const { url, pending } = await login.start();
    const callback = await provider.signIn(url, 'bob');
    const err = await failure(login.finish(callback, { ...pending, state: 'another-state' }));
    expect(err.kind).toBe('unauthenticated');
    expect(err.message).toMatch(/state does not match/);
    // The code was never sent: the right pending sign-in still finishes with it.
    await expect(login.finish(callback, pending)).resolves.toMatchObject({ subject: 'bob', displayName: 'Bob Durand', claimValues: ['staff'] });
  });

  it('refuses a code used twice, and says so without repeating the code', async () => {
    const { url, pending } = await login.start();
    const callback = await provider.signIn(url, 'alice');
    await login.finish(callback, pending);
    const err = await failure(login.finish(callback, pending));
    expect(err.kind).toBe('unauthenticated');
    expect(err.message).toMatch(/refused the authorization code \(invalid_grant/);
    expect(err.message).not.toContain(callback.searchParams.get('code')!);
    expect(err.cause).toBeUndefined();
  });

  it("refuses the code of another sign-in put on this sign-in's callback (PKCE binds the code to its browser)", async () => {
    const mine = await login.start();
    const theirs = await login.start();
    const stolen = await provider.signIn(theirs.url, 'alice');
    stolen.searchParams.set('state', mine.pending.state);
    const err = await failure(login.finish(stolen, mine.pending));
    expect(err.kind).toBe('unauthenticated');
    expect(err.message).toMatch(/invalid_grant/);
  });

  it('refuses an ID token whose nonce is not the pending one', async () => {
    const { url, pending } = await login.start();
    const callback = await provider.signIn(url, 'alice');
    const err = await failure(login.finish(callback, { ...pending, nonce: 'a-nonce-of-another-sign-in' }));
    expect(err.kind).toBe('unauthenticated');
    expect(err.message).toBe('the sign-in through the OpenID Connect provider failed: unexpected ID Token "nonce" claim value');
  });

  it("says the provider's error when the person cancels on its page", async () => {
    const { url, pending } = await login.start();
    const callback = await provider.signIn(url, 'alice', { cancel: true });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const err = await failure(login.finish(callback, pending));
    expect(err.kind).toBe('unauthenticated');
    expect(err.message).toBe('the provider refused the sign-in: access_denied: End-User aborted interaction');
  });

  it('refuses a code that expired before the callback reached Vigie', async () => {
    const quick = await startOidcProvider({ codeTtlSeconds: 1 });
    const quickVigie = vigieSignedInBy(quick);
    try {
      const quickLogin = await quickVigie.dependencies.oidcLogin();
      const { url, pending } = await quickLogin.start();
      const callback = await quick.signIn(url, 'alice');
      await new Promise((r) => setTimeout(r, 2100));
      const err = await failure(quickLogin.finish(callback, pending));
      expect(err.kind).toBe('unauthenticated');
      expect(err.message).toMatch(/refused the authorization code \(invalid_grant.*has expired/);
    } finally {
      await quickVigie.close();
      await quick.close();
    }
  });

  it('refuses a callback when no sign-in is pending', async () => {
    const { url } = await login.start();
    const callback = await provider.signIn(url, 'alice');
    const err = await failure(login.finish(callback, undefined as never));
    expect(err.kind).toBe('unauthenticated');
    expect(err.message).toMatch(/no OpenID Connect sign-in is pending/);
  });

  it('reads a nested claim path (Keycloak realm roles)', async () => {
    const keycloakLike = vigieSignedInBy(provider, { claim: 'realm_access.roles' });
    try {
      const nested = await keycloakLike.dependencies.oidcLogin();
      const { url, pending } = await nested.start();
      const identity = await nested.finish(await provider.signIn(url, 'alice'), pending);
      expect(identity.claimValues).toEqual(['vigie-auditor']);
    } finally {
      await keycloakLike.close();
    }
  });
});

describe("OpenID Connect sign-in when the provider leaves the groups out (Entra ID's groups overage)", () => {
  it('maps no value from the claim, and warns without naming the person', async () => {
    const provider = await startOidcProvider();
    const warnings: unknown[] = [];
    const login = new OpenIdClientLogin(
      {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        redirectUri: provider.redirectUri,
        scopes: ['openid', 'profile', 'groups'],
        claim: 'groups',
      },
      { ...SILENT_LOGGER, warn: (m) => warnings.push(m) },
    );
    try {
      const { url, pending } = await login.start();
      const identity = await login.finish(await provider.signIn(url, 'carol'), pending);
      expect(identity).toMatchObject({ subject: 'carol', displayName: 'Carol Petit', claimValues: [] });
      expect(warnings).toEqual([{ msg: expect.stringMatching(/groups overage/), claim: 'groups' }]);
    } finally {
      await provider.close();
    }
  });
});

describe('OpenID Connect sign-in with the claims at the userinfo endpoint only', () => {
  it('completes the ID token (sub alone) from userinfo', async () => {
    const provider = await startOidcProvider({ claimsInIdToken: false });
    const vigie = vigieSignedInBy(provider);
    try {
      const login = await vigie.dependencies.oidcLogin();
      const { url, pending } = await login.start();
      await expect(login.finish(await provider.signIn(url, 'alice'), pending)).resolves.toEqual({
        issuer: provider.issuer,
        subject: 'alice',
        displayName: 'Alice Martin',
        login: 'alice',
        email: 'alice@corp.example',
        claimValues: ['vigie-admins', 'staff'],
      });
    } finally {
      await vigie.close();
      await provider.close();
    }
  });
});

describe('OpenID Connect sign-in when the provider is down', () => {
  it('is unavailable while the provider does not answer, and discovers it once it is back', async () => {
    const port = await freePort();
    const login = new OpenIdClientLogin({
      issuer: `http://127.0.0.1:${port}`,
      clientId: 'vigie-test',
      clientSecret: 'unused',
      redirectUri: 'http://127.0.0.1:9/api/auth/oidc/callback',
      scopes: ['openid'],
      claim: 'groups',
    });
    const err = await failure(login.start());
    expect(err.kind).toBe('unavailable');
    expect(err.message).toBe(`the OpenID Connect provider http://127.0.0.1:${port} cannot be reached (ECONNREFUSED): try again later`);

    const provider = await startOidcProvider({ port });
    try {
      const { url } = await login.start();
      expect(url.startsWith(`http://127.0.0.1:${port}/`)).toBe(true);
    } finally {
      await provider.close();
    }
  });

  it('is unavailable when the provider goes down between the sign-in page and the callback', async () => {
    const provider = await startOidcProvider();
    const vigie = vigieSignedInBy(provider);
    try {
      const login = await vigie.dependencies.oidcLogin();
      const { url, pending } = await login.start();
      const callback = await provider.signIn(url, 'alice');
      await provider.close();
      const err = await failure(login.finish(callback, pending));
      expect(err.kind).toBe('unavailable');
    } finally {
      await vigie.close();
      await provider.close();
    }
  });
});

describe('OpenID Connect sign-in configured with another issuer than the provider names itself', () => {
  it('is a configuration error at discovery', async () => {
    const provider = await startOidcProvider();
    const login = new OpenIdClientLogin({
      issuer: provider.issuer.replace('127.0.0.1', 'localhost'),
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUri: provider.redirectUri,
      scopes: ['openid'],
      claim: 'groups',
    });
    try {
      const err = await failure(login.start());
      expect(err.kind).toBe('configuration');
      expect(err.message).toMatch(/discovery of http:\/\/localhost:\d+ failed \(.*issuer.*\): check auth\.oidc\.issuer/);
    } finally {
      await provider.close();
    }
  });
});

describe('OpenID Connect sign-in not configured', () => {
  it('is a configuration error naming auth.oidc', async () => {
    const vigie = createVigie(loadConfig({ env: {}, file: '/dev/null', overrides: { scheduler: { enabled: false } } }));
    try {
      const err = await failure(vigie.dependencies.oidcLogin());
      expect(err.kind).toBe('configuration');
      expect(err.message).toMatch(/set auth\.oidc/);
    } finally {
      await vigie.close();
    }
  });
});

/**
 * A real OpenID Connect provider for the tests: the certified `oidc-provider` package on a free loopback port, with one
 * confidential client (PKCE required), test people with a `groups` claim and Keycloak's `realm_access.roles`, and its
 * built-in login and consent pages (devInteractions), which accept any password and sign in the login typed.
 * `signIn` drives the browser's part of the code flow with plain HTTP, cookies kept, up to the redirect URI.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OidcTestPerson {
  /** What is typed on the login page; the person's `sub` too. */
  login: string;
  name?: string;
  email?: string;
  groups?: string[];
  /** Keycloak's realm roles, for the nested claim path `realm_access.roles`. */
  realmRoles?: string[];
  /** Groups left out of the token and pointed to elsewhere, as Entra ID does past 200 groups (groups overage). */
  groupsOverage?: boolean;
}

export const OIDC_TEST_PEOPLE: readonly OidcTestPerson[] = [
  { login: 'alice', name: 'Alice Martin', email: 'alice@corp.example', groups: ['vigie-admins', 'staff'], realmRoles: ['vigie-auditor'] },
  { login: 'bob', name: 'Bob Durand', groups: ['staff'] },
  { login: 'carol', name: 'Carol Petit', groupsOverage: true },
];

export interface OidcProviderOptions {
  /** A port chosen beforehand (to start the provider after a client was pointed at it); a free one by default. */
  port?: number;
  people?: readonly OidcTestPerson[];
  /**
   * Whether the ID token carries the profile, email, groups and roles claims (as Entra ID and Keycloak do); false:
   * only `sub`, the rest from the userinfo endpoint (oidc-provider's default for the code flow).
   */
  claimsInIdToken?: boolean;
  /** How long an authorization code lives (60 s by default). */
  codeTtlSeconds?: number;
  /** The client's one registered redirect URI: a running Vigie's callback; an address nobody listens on by default. */
  redirectUri?: string;
}

export interface TestOidcProvider {
  readonly issuer: string;
  readonly port: number;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  /**
   * Follows the authorization URL as a browser would: the login page (the login typed, any password), the consent
   * page, back to the redirect URI, whose URL (code, state, iss) it returns. `cancel` presses Cancel on the login page
   * instead (the provider then answers access_denied).
   */
  signIn(authorizationUrl: string, login: string, options?: { cancel?: boolean }): Promise<URL>;
  close(): Promise<void>;
}

/** A loopback port free now (the server that found it is closed again). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

let providerModule: Promise<typeof import('oidc-provider')> | undefined;

/**
 * oidc-provider warns on import that Node 20 is not a runtime it supports (it runs), and at start that its dev
 * interactions are for development: both are expected here, so they are kept off the test output. Others pass.
 */
async function quietly<T>(make: () => Promise<T> | T): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^oidc-provider WARNING: (Unsupported runtime|a quick start development-only)/.test(args[0])) return;
    warn(...args);
  };
  try {
    return await make();
  } finally {
    console.warn = warn;
  }
}

export async function startOidcProvider(options: OidcProviderOptions = {}): Promise<TestOidcProvider> {
  const { default: Provider } = await quietly(() => (providerModule ??= import('oidc-provider')));
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'vigie-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:9/api/auth/oidc/callback';
  const people = new Map((options.people ?? OIDC_TEST_PEOPLE).map((p) => [p.login, p]));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = await quietly(
    () =>
      new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
        cookies: { keys: [randomBytes(32).toString('base64url')] },
        pkce: { required: () => true },
        // Set, so that the provider does not remind of each default on every sign-in.
        ttl: { AccessToken: 600, AuthorizationCode: options.codeTtlSeconds ?? 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
        features: { devInteractions: { enabled: true } },
        conformIdTokenClaims: options.claimsInIdToken === false,
        claims: {
          openid: ['sub'],
          profile: ['name', 'preferred_username'],
          email: ['email'],
          groups: ['groups'],
          roles: ['realm_access'],
        },
        findAccount: (_ctx: unknown, sub: string) => {
          const person = people.get(sub);
          if (!person) return undefined;
          return {
            accountId: sub,
            claims: () => ({
              sub,
              preferred_username: person.login,
              ...(person.name ? { name: person.name } : {}),
              ...(person.email ? { email: person.email } : {}),
              ...(person.groups ? { groups: person.groups } : {}),
              ...(person.realmRoles ? { realm_access: { roles: person.realmRoles } } : {}),
              ...(person.groupsOverage
                ? {
                    _claim_names: { groups: 'src1' },
                    _claim_sources: { src1: { endpoint: `https://graph.microsoft.com/v1.0/users/${sub}/getMemberObjects` } },
                  }
                : {}),
            }),
          };
        },
      }),
  );
  server.on('request', provider.callback());

  return {
    issuer,
    port,
    clientId,
    clientSecret,
    redirectUri,
    signIn: (url, login, signInOptions = {}) => drive(url, login, redirectUri, signInOptions.cancel ?? false),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The browser: follows redirects by hand (to keep cookies and stop at the redirect URI), fills the two forms. */
async function drive(authorizationUrl: string, login: string, redirectUri: string, cancel: boolean): Promise<URL> {
  const cookies = new Map<string, string>();
  let request: { url: string; body?: URLSearchParams } = { url: authorizationUrl };
  for (let step = 0; step < 20; step++) {
    const response = await fetch(request.url, {
      method: request.body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: request.body,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, request.url);
      if (next.href.startsWith(redirectUri)) return next;
      request = { url: next.href };
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`the provider answered ${response.status} at ${request.url}: ${page.slice(0, 500)}`);
    const action = /<form[^>]* action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !prompt) throw new Error(`no login or consent form at ${request.url}: ${page.slice(0, 500)}`);
    if (cancel) {
      const abort = /href="([^"]*\/abort)"/.exec(page)?.[1];
      if (!abort) throw new Error(`no Cancel link at ${request.url}`);
      request = { url: new URL(unescapeHtml(abort), request.url).href };
      continue;
    }
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt };
    request = { url: new URL(unescapeHtml(action), request.url).href, body: new URLSearchParams(form) };
  }
  throw new Error('the sign-in did not reach the redirect URI in 20 steps');
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&#x2F;/g, '/')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');
}

import { digestOf } from '#vigie/access-control';
import { InMemoryOidcSignInStore, ScriptedOidcLogin } from '../../testing/index.js';
import { StartOidcSignIn } from './start-oidc-sign-in.use-case.js';

describe(StartOidcSignIn.name, () => {
  it('keeps the state, nonce and verifier on the server under a digest of a random binding, for ten minutes', async () => {
    const pending = new InMemoryOidcSignInStore();
    const now = new Date('2026-05-04T09:00:00Z');
    const started = await new StartOidcSignIn(
      true,
      async () => new ScriptedOidcLogin(),
      pending,
      () => now,
    ).execute();
    expect(started.url).toBe('https://idp.example/authorize?state=s1');
    expect(started.binding).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...pending.rows]).toEqual([
      [digestOf(started.binding), { pending: { state: 's1', nonce: 'n1', codeVerifier: 'v1' }, expiresAt: new Date('2026-05-04T09:10:00Z') }],
    ]);
  });

  it('says so when OpenID Connect is not set up', async () => {
    const sut = new StartOidcSignIn(false, async () => new ScriptedOidcLogin(), new InMemoryOidcSignInStore());
    await expect(sut.execute()).rejects.toMatchObject({ kind: 'not-found', message: expect.stringMatching(/not set up.*auth\.oidc/) });
  });
});

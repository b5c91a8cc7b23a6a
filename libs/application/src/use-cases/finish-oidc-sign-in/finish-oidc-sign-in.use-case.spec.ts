import { SignInThrottle } from '#vigie/access-control';
import { InMemorySignInAttemptStore } from '#vigie/access-control/testing';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { InMemoryOidcSignInStore, ScriptedOidcLogin, aRoleMapping, staffSessionsWorld } from '../../testing/index.js';
import { StartOidcSignIn } from '../start-oidc-sign-in/start-oidc-sign-in.use-case.js';
import { FinishOidcSignIn } from './finish-oidc-sign-in.use-case.js';

describe(FinishOidcSignIn.name, () => {
  let world: ReturnType<typeof staffSessionsWorld>;
  let provider: ScriptedOidcLogin;
  let pending: InMemoryOidcSignInStore;
  let failures: RecordingTrailWriter;
  let attempts: SignInThrottle;

  const start = () =>
    new StartOidcSignIn(
      true,
      async () => provider,
      pending,
      () => world.clock.now,
    ).execute();
  const finish = (binding: string, callbackUrl: string) =>
    new FinishOidcSignIn(
      async () => provider,
      pending,
      async () => aRoleMapping(),
      world.sessions,
      attempts,
      () => world.clock.now,
    ).execute({ binding, callbackUrl }, { actor: { type: 'system', id: 'api' }, sourceAddress: '198.51.100.4' });

  beforeEach(() => {
    world = staffSessionsWorld();
    provider = new ScriptedOidcLogin();
    pending = new InMemoryOidcSignInStore();
    failures = new RecordingTrailWriter();
    attempts = new SignInThrottle({
      store: new InMemorySignInAttemptStore(),
      trail: failures,
      alerts: { securityEvent: async () => undefined },
      settings: { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 10, sourceLockoutAfter: 4, lockoutMinutes: 15, burstAlertPerMinute: 100 },
      accountKey: (login) => `p_${login}`,
      now: () => world.clock.now,
    });
  });

  it('opens a session with the roles of the claim values, for the browser that started the sign-in, once', async () => {
    const { binding } = await start();
    const callback = 'https://vigie.example/api/auth/oidc/callback?code=abc&state=s1';
    const signedIn = await finish(binding, callback);
    expect(signedIn.staff).toEqual({ name: 'Chloé Dubois', roles: ['employee'], method: 'oidc' });
    expect([...world.store.rows.values()][0]).toMatchObject({ subject: 'oidc:https://idp.example#u-42', method: 'oidc' });
    await expect(finish(binding, callback)).rejects.toMatchObject({ kind: 'unauthenticated', message: expect.stringMatching(/expired or was already used/) });
    expect(failures.actions).toEqual(['auth.failed']);
  });

  it('refuses a callback from another browser (no binding), a stale one, and one whose state is not its own', async () => {
    const { binding } = await start();
    await expect(finish('', 'https://vigie.example/cb?code=abc&state=s1')).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(finish(binding, 'https://vigie.example/cb?code=abc&state=forged')).rejects.toMatchObject({ kind: 'unauthenticated' });
    const late = await start();
    world.advance(10 * 60_000);
    await expect(finish(late.binding, 'https://vigie.example/cb?code=abc&state=s2')).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(world.store.rows.size).toBe(0);
    // Counted per address: the trail has the window's first refusal, not one entry per call...
    expect(failures.actions).toEqual(['auth.failed']);
    // ...and an address that keeps calling the callback is held back before anything is looked up.
    await expect(finish('', 'https://vigie.example/cb?code=abc&state=s9')).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(finish(late.binding, 'https://vigie.example/cb?code=abc&state=s2')).rejects.toMatchObject({ kind: 'too-many-requests' });
    expect(failures.actions).toEqual(['auth.failed', 'auth.locked-out']);
  });

  it('refuses a person whose claim values map to no role', async () => {
    provider.identity = { ...provider.identity, claimValues: ['marketing'] };
    const { binding } = await start();
    await expect(finish(binding, 'https://vigie.example/cb?code=abc&state=s1')).rejects.toMatchObject({ kind: 'forbidden' });
    expect(world.store.rows.size).toBe(0);
  });
});

import { SignInThrottle, hashPassword } from '#vigie/access-control';
import { InMemorySignInAttemptStore } from '#vigie/access-control/testing';
import { configSchema } from '#vigie/config';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { OFFICERS_GROUP, RecordingLogger, aRoleMapping, contextOf, parsedBy, refusalsOf, staffSessionsWorld } from '../../testing/index.js';
import { SignIn } from './sign-in.use-case.js';

const API = contextOf({ type: 'system', id: 'api' }, { sourceAddress: '10.0.0.7' });
const ATTEMPTS = { windowMinutes: 15, accountDelayAfter: 3, accountLockoutAfter: 5, sourceLockoutAfter: 50, lockoutMinutes: 15, burstAlertPerMinute: 100 };
const ALICE = { login: 'alice', dn: 'CN=Alice Martin,OU=Staff,DC=corp,DC=example', displayName: 'Alice Martin' };

describe(SignIn.name, () => {
  const input = SignIn.definition.input;
  let world: ReturnType<typeof staffSessionsWorld>;
  let failures: RecordingTrailWriter;
  let glassHash: string | null;
  let attempts: SignInThrottle;
  let alerts: Array<{ kind: string; title: string; lines: string[] }>;

  const auth = (directory: string | null = 'corp-ad') =>
    configSchema.parse({
      directories: [{ name: 'corp-ad', kind: 'ad', url: 'ldaps://dc01.corp.example', baseDn: 'DC=corp,DC=example' }],
      auth: directory ? { directory: { directory } } : {},
    }).auth;

  const signIn = (raw: Record<string, unknown>, opts: { directory?: string | null; glass?: boolean; defaults?: [] | ['employee'] } = {}) =>
    new SignIn(
      auth(opts.directory === undefined ? 'corp-ad' : opts.directory),
      async () => world.directory,
      async () => world.breakGlass({ enabled: opts.glass ?? false, passwordHash: glassHash }),
      async () => aRoleMapping(opts.defaults ?? []),
      world.sessions,
      attempts,
      async () => ({ securityEvent: async (e: { kind: string; title: string; lines: string[] }) => alerts.push(e) }),
      new RecordingLogger(),
    ).execute(parsedBy(input, raw as never), API);

  beforeEach(() => {
    world = staffSessionsWorld();
    failures = new RecordingTrailWriter();
    glassHash = null;
    alerts = [];
    attempts = new SignInThrottle({
      store: new InMemorySignInAttemptStore(),
      trail: failures,
      alerts: { securityEvent: async () => undefined },
      settings: ATTEMPTS,
      accountKey: (login) => `p_${login}`,
      now: () => world.clock.now,
    });
    world.directory.add('s3cret!', { ...ALICE, groups: [OFFICERS_GROUP.toLowerCase()] });
    world.directory.add('bob-pass', { login: 'bob', dn: 'CN=Bob,OU=Staff,DC=corp,DC=example', displayName: 'Bob', groups: [] });
  });

  it('is run by the API before anyone is known: it declares no ability', () => {
    expect(SignIn.definition.ability).toBeUndefined();
  });

  it('refuses an input without a login or a password, or with a field it does not know, before asking anyone', () => {
    expect(refusalsOf(input, { login: ' ', password: 'x' })).toEqual(['login: expected your login']);
    expect(refusalsOf(input, { login: 'alice', password: '' })).toEqual(['password: expected your password']);
    expect(refusalsOf(input, { login: 'alice', password: 'x', method: 'kerberos' })).toEqual([expect.stringMatching(/^method: /)]);
    expect(refusalsOf(input, { login: 'alice', password: 'x', remember: true })).toEqual([expect.stringMatching(/remember/)]);
  });

  it('opens a session with the roles of the mapped groups, whatever the case of the DN, and records it with the trail', async () => {
    const signedIn = await signIn({ login: 'alice', password: 's3cret!' });
    expect(signedIn.staff).toEqual({ name: 'Alice Martin', roles: ['security-officer', 'auditor'], method: 'directory' });
    expect(signedIn.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signedIn.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signedIn.csrfToken).not.toBe(signedIn.token);
    expect(signedIn.expiresAt).toEqual(new Date('2026-05-04T19:00:00Z'));
    const [row] = [...world.store.rows.values()];
    expect(row).toMatchObject({ method: 'directory', person: { directory: 'corp-ad', dn: ALICE.dn, login: 'alice' } });
    expect(JSON.stringify(row)).not.toContain(signedIn.token);
    expect(world.committed.inputs).toEqual([
      expect.objectContaining({
        action: 'auth.signed-in',
        actor: { type: 'person', id: 'alice' },
        after: expect.objectContaining({ method: 'directory', roles: ['security-officer', 'auditor'] }),
      }),
    ]);
  });

  it('refuses a wrong password and an unknown login with the same message, and records the failure without the password', async () => {
    const wrong = await signIn({ login: 'alice', password: 'nope' }).catch((e: unknown) => e);
    const unknown = await signIn({ login: 'mallory', password: 's3cret!' }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ kind: 'unauthenticated', message: 'wrong login or password' });
    expect(unknown).toMatchObject({ kind: 'unauthenticated', message: 'wrong login or password' });
    // The first failure of each account's window is in the trail at once (the rest are counted), never a password.
    expect(failures.actions).toEqual(['auth.failed', 'auth.failed']);
    expect(JSON.stringify(failures.inputs)).not.toContain('nope');
    expect(world.store.rows.size).toBe(0);
  });

  it('refuses a person whose groups map to no role (deny by default), unless default roles are configured', async () => {
    await expect(signIn({ login: 'bob', password: 'bob-pass' })).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringMatching(/no role in Vigie/),
    });
    await expect(signIn({ login: 'bob', password: 'bob-pass' })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(world.store.rows.size).toBe(0);
    // Counted like a failure: the trail has the window's first, not one entry per attempt.
    expect(failures.actions).toEqual(['auth.failed']);
    expect((await signIn({ login: 'bob', password: 'bob-pass' }, { defaults: ['employee'] })).staff.roles).toEqual(['employee']);
  });

  it('says so when directory sign-in is not set up', async () => {
    await expect(signIn({ login: 'alice', password: 's3cret!' }, { directory: null })).rejects.toMatchObject({
      kind: 'unauthenticated',
      message: expect.stringMatching(/not set up.*auth\.directory/),
    });
  });

  it('lets the break-glass administrator in only when it is enabled and the password matches its argon2 hash', async () => {
    glassHash = await hashPassword('correct horse battery staple');
    const asGlass = { method: 'break-glass', login: 'vigie-break-glass', password: 'correct horse battery staple' };
    await expect(signIn(asGlass, { glass: false })).rejects.toMatchObject({ kind: 'unauthenticated', message: 'wrong login or password' });
    await expect(signIn({ ...asGlass, password: 'wrong' }, { glass: true })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(signIn({ ...asGlass, login: 'admin' }, { glass: true })).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(alerts).toEqual([]);
    const signedIn = await signIn(asGlass, { glass: true });
    expect(signedIn.staff).toEqual({ name: 'vigie-break-glass', roles: ['admin'], method: 'break-glass' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(alerts).toEqual([
      {
        kind: 'break-glass',
        title: '[Vigie] the break-glass administrator signed in',
        lines: [expect.stringMatching(/from 10\.0\.0\.7\.$/), expect.stringMatching(/ends at the latest at 2026-05-04T19:00:00\.000Z/), expect.any(String)],
      },
    ]);
  });

  it('locks an account out after repeated failures, without trying its password any more, and lets it in once the lockout is over', async () => {
    for (let i = 0; i < 5; i++) {
      await expect(signIn({ login: 'alice', password: `guess-${i}` })).rejects.toMatchObject({
        kind: expect.stringMatching(/unauthenticated|too-many-requests/),
      });
      world.advance(61_000);
    }
    const tried = world.directory.authenticate.bind(world.directory);
    let binds = 0;
    world.directory.authenticate = (...args) => (binds++, tried(...args));
    await expect(signIn({ login: 'alice', password: 's3cret!' })).rejects.toMatchObject({ kind: 'too-many-requests', retryAfterSeconds: expect.any(Number) });
    await expect(signIn({ login: 'ALICE', password: 's3cret!' })).rejects.toMatchObject({ kind: 'too-many-requests' });
    expect(binds).toBe(0);
    // Another account from the same address is not locked out.
    await expect(signIn({ login: 'bob', password: 'bob-pass' }, { defaults: ['employee'] })).resolves.toMatchObject({ staff: { name: 'Bob' } });
    world.advance(15 * 60_000);
    await expect(signIn({ login: 'alice', password: 's3cret!' })).resolves.toMatchObject({ staff: { name: 'Alice Martin' } });
    expect(failures.actions).toContain('auth.locked-out');
  });
});

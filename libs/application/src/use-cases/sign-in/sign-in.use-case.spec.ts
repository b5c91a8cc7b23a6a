import { hashPassword } from '#vigie/access-control';
import { configSchema } from '#vigie/config';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { OFFICERS_GROUP, aRoleMapping, contextOf, parsedBy, refusalsOf, staffSessionsWorld } from '../../testing/index.js';
import { SignIn } from './sign-in.use-case.js';

const API = contextOf({ type: 'system', id: 'api' }, { sourceAddress: '10.0.0.7' });
const ALICE = { login: 'alice', dn: 'CN=Alice Martin,OU=Staff,DC=corp,DC=example', displayName: 'Alice Martin' };

describe(SignIn.name, () => {
  const input = SignIn.definition.input;
  let world: ReturnType<typeof staffSessionsWorld>;
  let failures: RecordingTrailWriter;
  let glassHash: string | null;

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
      failures,
    ).execute(parsedBy(input, raw as never), API);

  beforeEach(() => {
    world = staffSessionsWorld();
    failures = new RecordingTrailWriter();
    glassHash = null;
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
    expect(failures.actions).toEqual(['auth.failed', 'auth.failed']);
    expect(JSON.stringify(failures.inputs)).not.toContain('nope');
    expect(world.store.rows.size).toBe(0);
  });

  it('refuses a person whose groups map to no role (deny by default), unless default roles are configured', async () => {
    await expect(signIn({ login: 'bob', password: 'bob-pass' })).rejects.toMatchObject({
      kind: 'forbidden',
      message: expect.stringMatching(/no role in Vigie/),
    });
    expect(world.store.rows.size).toBe(0);
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
    const signedIn = await signIn(asGlass, { glass: true });
    expect(signedIn.staff).toEqual({ name: 'vigie-break-glass', roles: ['admin'], method: 'break-glass' });
    expect(failures.inputs.map((i) => (i.after as { reason: string }).reason)).toEqual([
      'break-glass account disabled',
      'wrong break-glass login or password',
      'wrong break-glass login or password',
    ]);
  });
});

import { hashPassword } from '#vigie/access-control';
import { ADMINS_GROUP, OFFICERS_GROUP, aRoleMapping, staffSessionsWorld } from '../../testing/index.js';
import { AuthenticateSession } from './authenticate-session.use-case.js';

const MINUTE = 60_000;
const ALICE = { login: 'alice', dn: 'CN=Alice Martin,OU=Staff,DC=corp,DC=example', displayName: 'Alice Martin' };

describe(AuthenticateSession.name, () => {
  let world: ReturnType<typeof staffSessionsWorld>;
  let glassEnabled: boolean;
  let glassHash: string | null;

  const sut = () =>
    new AuthenticateSession(
      world.sessions,
      async () => world.directory,
      async () => world.breakGlass({ enabled: glassEnabled, passwordHash: glassHash }),
      async () => aRoleMapping(),
    );
  const check = (token: string) => sut().execute({ token });
  const openAlice = () =>
    world.sessions.open({
      subject: `directory:corp-ad:${ALICE.dn.toLowerCase()}`,
      method: 'directory',
      displayName: ALICE.displayName,
      roles: ['admin'],
      person: { directory: 'corp-ad', dn: ALICE.dn, login: 'alice' },
    });
  const endReasons = () => [...world.store.rows.values()].map((r) => r.endReason);

  beforeEach(() => {
    world = staffSessionsWorld();
    glassEnabled = false;
    glassHash = null;
    world.directory.add('pw', { ...ALICE, groups: [ADMINS_GROUP] });
  });

  it('answers the person of an open session, with roles read from the directory now', async () => {
    const { token, session } = await openAlice();
    world.directory.accounts.get('alice')!.account.groups = [ADMINS_GROUP, OFFICERS_GROUP];
    expect(await check(token)).toEqual({
      type: 'person',
      id: session.subject,
      name: 'Alice Martin',
      roles: ['admin', 'security-officer', 'auditor'],
      method: 'directory',
      sessionId: session.id,
      person: { directory: 'corp-ad', dn: ALICE.dn, login: 'alice' },
    });
    expect(world.committed.actions).toEqual(['auth.signed-in', 'auth.roles-changed']);
  });

  it('answers null for an unknown cookie, an empty one, and one longer than any cookie', async () => {
    await openAlice();
    expect(await check('x'.repeat(43))).toBeNull();
    expect(await check('')).toBeNull();
    expect(await check('x'.repeat(4000))).toBeNull();
  });

  it('ends the session at the next request of a person removed from every mapped group', async () => {
    const { token } = await openAlice();
    expect(await check(token)).not.toBeNull();
    world.directory.accounts.get('alice')!.account.groups = [];
    expect(await check(token)).toBeNull();
    expect(endReasons()).toEqual(['no-role']);
    // Back in the group: the ended session stays ended; the person signs in again.
    world.directory.accounts.get('alice')!.account.groups = [ADMINS_GROUP];
    expect(await check(token)).toBeNull();
  });

  it('ends the session of a person gone from the directory (deleted or disabled)', async () => {
    const { token } = await openAlice();
    world.directory.accounts.delete('alice');
    expect(await check(token)).toBeNull();
    expect(endReasons()).toEqual(['account-gone']);
    expect(world.committed.inputs.at(-1)).toMatchObject({ action: 'auth.session-ended', after: { reason: 'account-gone' } });
  });

  it('refuses the request, without ending the session, when the directory cannot be reached to check the roles', async () => {
    const { token } = await openAlice();
    world.directory.reachable = false;
    await expect(check(token)).rejects.toMatchObject({ kind: 'unavailable' });
    world.directory.reachable = true;
    expect(await check(token)).not.toBeNull();
  });

  it('reads the roles again only when they are due (auth.session.roleRefreshSeconds)', async () => {
    world = staffSessionsWorld({ idleMs: 30 * MINUTE, absoluteMs: 600 * MINUTE, roleRefreshMs: 5 * MINUTE });
    world.directory.add('pw', { ...ALICE, groups: [ADMINS_GROUP] });
    const { token } = await openAlice();
    world.directory.reachable = false;
    world.advance(4 * MINUTE);
    expect((await check(token))?.roles).toEqual(['admin']);
    world.advance(MINUTE);
    await expect(check(token)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('ends a session unused for the idle timeout, and any session at its absolute end however busy', async () => {
    const idle = await openAlice();
    world.advance(29 * MINUTE);
    expect(await check(idle.token)).not.toBeNull();
    world.advance(29 * MINUTE);
    expect(await check(idle.token)).not.toBeNull();
    world.advance(30 * MINUTE);
    expect(await check(idle.token)).toBeNull();
    const busy = await openAlice();
    for (let i = 0; i < 21; i++) {
      world.advance(29 * MINUTE);
      await check(busy.token);
    }
    expect(await check(busy.token)).toBeNull();
    expect(endReasons()).toEqual(['idle', 'expired']);
  });

  it('ends break-glass sessions at their next request once the account is turned off', async () => {
    glassEnabled = true;
    glassHash = await hashPassword('pw');
    const { token } = await world.sessions.open({
      subject: 'break-glass:vigie-break-glass',
      method: 'break-glass',
      displayName: 'vigie-break-glass',
      roles: ['admin'],
      person: null,
    });
    expect((await check(token))?.roles).toEqual(['admin']);
    glassEnabled = false;
    expect(await check(token)).toBeNull();
    expect(endReasons()).toEqual(['method-disabled']);
  });
});

import { staffSessionsWorld } from '../../testing/index.js';
import { SignOut } from './sign-out.use-case.js';

describe(SignOut.name, () => {
  it('ends the session on the server, once, and records who signed out', async () => {
    const world = staffSessionsWorld();
    const { token } = await world.sessions.open({
      subject: 'directory:corp-ad:cn=alice',
      method: 'directory',
      displayName: 'Alice',
      roles: ['employee'],
      person: { directory: 'corp-ad', dn: 'CN=Alice', login: 'alice' },
    });
    const sut = new SignOut(world.sessions);
    expect(await sut.execute({ token })).toEqual({ signedOut: true });
    expect(await world.sessions.check(token)).toMatchObject({ state: 'ended', reason: 'signed-out' });
    expect(await sut.execute({ token })).toEqual({ signedOut: false });
    expect(await sut.execute({ token: 'unknown' })).toEqual({ signedOut: false });
    expect(world.committed.inputs.map((i) => [i.action, i.actor])).toEqual([
      ['auth.signed-in', { type: 'person', id: 'alice' }],
      ['auth.signed-out', { type: 'person', id: 'alice' }],
    ]);
  });
});

import { createServer, type Server, type Socket } from 'node:net';
import { VigieError } from '#vigie/common';
import { type DirectoryLoginSource, LdapDirectoryLogin } from './ldap-directory-login.js';

/**
 * What the adapter decides before any request. The server here is a TCP listener that counts connections and never
 * answers: a refusal that reached the network would show as a connection (and time out), so "null and no connection"
 * proves it was decided at once. Sign-in against real servers: test/directory/directory-login-*.int-spec.ts.
 */
describe(LdapDirectoryLogin.name, () => {
  let server: Server;
  let port: number;
  let connections = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => (connections = 0));

  const source = (overrides: Partial<DirectoryLoginSource> = {}): DirectoryLoginSource => ({
    kind: 'ldap',
    name: 'corp-ldap',
    url: `ldaps://127.0.0.1:${port}`,
    baseDn: 'dc=acme,dc=test',
    bindDn: 'cn=vigie,dc=acme,dc=test',
    bindPassword: 'service-secret',
    timeoutMs: 300,
    ...overrides,
  });
  const sut = (overrides: Partial<DirectoryLoginSource> = {}) => new LdapDirectoryLogin({ directories: [source(overrides)] });

  it('refuses an empty password and unsearchable logins at once', async () => {
    const login = sut();
    await expect(login.authenticate('corp-ldap', 'alice', '')).resolves.toBeNull();
    await expect(login.authenticate('corp-ldap', '', 'pw')).resolves.toBeNull();
    await expect(login.authenticate('corp-ldap', 'x'.repeat(257), 'pw')).resolves.toBeNull();
    await expect(login.authenticate('corp-ldap', 'alice\u0000', 'pw')).resolves.toBeNull();
    await expect(login.authenticate('corp-ldap', 'alice\r\n', 'pw')).resolves.toBeNull();
    expect(connections).toBe(0);
  });

  it('goes to the server for a well-formed attempt (the check above can fail)', async () => {
    await expect(sut().authenticate('corp-ldap', 'alice', 'pw')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(connections).toBe(1);
  });

  it('refuses plain ldap:// without StartTLS as a configuration error, before connecting', async () => {
    const login = sut({ url: `ldap://127.0.0.1:${port}` });
    const error = await login.authenticate('corp-ldap', 'alice', 'pw').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VigieError);
    expect(error).toMatchObject({ kind: 'configuration', message: expect.stringMatching(/ldaps:\/\/ url or set startTls/) });
    await expect(login.reread('corp-ldap', 'uid=alice,dc=acme,dc=test')).rejects.toMatchObject({ kind: 'configuration' });
    expect(connections).toBe(0);
  });

  it('refuses a directory without a service account', async () => {
    await expect(sut({ bindDn: undefined, bindPassword: undefined }).authenticate('corp-ldap', 'alice', 'pw')).rejects.toMatchObject({
      kind: 'configuration',
      message: expect.stringMatching(/service account/),
    });
    await expect(sut({ bindPassword: '' }).authenticate('corp-ldap', 'alice', 'pw')).rejects.toMatchObject({ kind: 'configuration' });
    expect(connections).toBe(0);
  });

  it('refuses a directory sign-in is not configured for', async () => {
    await expect(sut().authenticate('other', 'alice', 'pw')).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/corp-ldap/) });
    await expect(new LdapDirectoryLogin({ directories: [] }).authenticate('corp-ldap', 'alice', 'pw')).rejects.toMatchObject({
      kind: 'configuration',
      message: expect.stringMatching(/auth\.directory/),
    });
    expect(connections).toBe(0);
  });

  it('re-reads nothing outside the base DN, nor a DN that does not parse', async () => {
    const login = sut();
    await expect(login.reread('corp-ldap', 'uid=alice,dc=other,dc=test')).resolves.toBeNull();
    await expect(login.reread('corp-ldap', 'not a dn')).resolves.toBeNull();
    await expect(login.reread('corp-ldap', '')).resolves.toBeNull();
    expect(connections).toBe(0);
  });

  it('says the directory is unavailable when it does not answer, without the password', async () => {
    const error = (await sut()
      .authenticate('corp-ldap', 'alice', 'Secret-Pw-1')
      .catch((e: unknown) => e)) as VigieError;
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/127\.0\.0\.1/);
    expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toMatch(/Secret-Pw-1|service-secret/);
  });
});

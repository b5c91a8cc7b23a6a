import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { createDirectoryWriter } from './ldap-directory-writer.js';

type Source = Parameters<typeof createDirectoryWriter>[0]['directories'][number];

/**
 * What the writer refuses before it sends anything. A TCP listener stands where the server would be and counts the
 * connections: a refusal made after connecting would show there (the LDAP behaviour itself is tested against the real
 * servers in test/directory).
 */
describe('LdapDirectoryWriter refusals before connecting', () => {
  let server: Server;
  let connections = 0;
  let url: string;
  const source = (overrides: Partial<Source> = {}): Source => ({
    kind: 'ldap',
    name: 'corp-ldap',
    url,
    baseDn: 'dc=acme,dc=test',
    bindDn: 'cn=svc,dc=acme,dc=test',
    bindPassword: 'Svc-Secret-1',
    timeoutMs: 500,
    ...overrides,
  });

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ldap://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    connections = 0;
  });

  it('refuses to send a password over plain ldap:// without StartTLS', async () => {
    const error = (await createDirectoryWriter({ directories: [source()] })
      .setPassword('corp-ldap', 'uid=x,dc=acme,dc=test', 'New-Secret-1', { mustChange: false })
      .catch((e: unknown) => e)) as Error & { kind: string };
    expect(error).toMatchObject({ kind: 'configuration', message: expect.stringMatching(/in clear/) });
    expect(error.message).not.toMatch(/New-Secret-1|Svc-Secret-1/);
    expect(connections).toBe(0);
  });

  it('refuses a directory without a service account', async () => {
    const writer = createDirectoryWriter({ directories: [source({ bindDn: undefined, bindPassword: undefined })] });
    await expect(writer.addMember('corp-ldap', 'cn=g,dc=acme,dc=test', 'uid=x,dc=acme,dc=test')).rejects.toMatchObject({
      kind: 'configuration',
      message: expect.stringMatching(/needs a service account/),
    });
    expect(connections).toBe(0);
  });

  it('refuses a directory it is not configured for, naming those it is', async () => {
    const writer = createDirectoryWriter({ directories: [source()] });
    await expect(writer.isMember('corp-ad', 'cn=g,dc=acme,dc=test', 'uid=x,dc=acme,dc=test')).rejects.toMatchObject({
      kind: 'configuration',
      message: expect.stringContaining('corp-ldap'),
    });
    await expect(createDirectoryWriter({ directories: [] }).disableAccount('corp-ldap', 'uid=x,dc=acme,dc=test')).rejects.toMatchObject({
      kind: 'configuration',
    });
    expect(connections).toBe(0);
  });

  it('refuses malformed DNs and an empty password as invalid input', async () => {
    const writer = createDirectoryWriter({ directories: [source({ url: url.replace('ldap:', 'ldaps:') })] });
    await expect(writer.addMember('corp-ldap', 'not a dn', 'uid=x,dc=acme,dc=test')).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(writer.moveAccount('corp-ldap', 'uid=x,dc=acme,dc=test', '')).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(writer.setPassword('corp-ldap', 'uid=x,dc=acme,dc=test', '', { mustChange: false })).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(connections).toBe(0);
  });

  it('says unavailable when the server does not answer within timeoutMs', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sockets: Socket[] = [];
    silent.on('connection', (socket) => sockets.push(socket));
    try {
      const writer = createDirectoryWriter({
        directories: [source({ url: `ldap://127.0.0.1:${(silent.address() as AddressInfo).port}`, timeoutMs: 200 })],
      });
      await expect(writer.isMember('corp-ldap', 'cn=g,dc=acme,dc=test', 'uid=x,dc=acme,dc=test')).rejects.toMatchObject({
        kind: 'unavailable',
        message: expect.stringContaining('no answer within 200 ms'),
      });
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('says unavailable when the server drops the connection (and connected to find out)', async () => {
    const writer = createDirectoryWriter({ directories: [source()] });
    await expect(writer.addMember('corp-ldap', 'cn=g,dc=acme,dc=test', 'uid=x,dc=acme,dc=test')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(connections).toBe(1);
  });
});

import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { LdapDirectorySource } from '../directory-source.js';
import { DirectoryAuthError, DirectoryError, DirectoryUnreachableError, InvalidDirectorySourceError } from '../errors.js';
import { LdapEntryReader } from './ldap-entry.reader.js';

// No LDAP server here (the integration tests have slapd and Samba): these cover what the reader
// refuses before talking to one, and what it says when nothing answers on loopback.
const source = (extra: Partial<LdapDirectorySource> = {}): LdapDirectorySource => ({
  kind: 'ldap',
  name: 'acme',
  url: 'ldap://127.0.0.1:1',
  baseDn: 'dc=acme,dc=test',
  bindDn: 'cn=reader,dc=acme,dc=test',
  bindPassword: 'not-a-real-password',
  timeoutMs: 2000,
  ...extra,
});

async function readError(src: LdapDirectorySource): Promise<DirectoryError> {
  try {
    for await (const _ of new LdapEntryReader().read(src)) {
      // nothing expected
    }
  } catch (error) {
    if (error instanceof DirectoryError) return error;
    throw error;
  }
  throw new Error('expected the read to fail');
}

/** A loopback TCP server that accepts connections and never says a word. */
async function listenMute(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('LdapEntryReader', () => {
  it('refuses a bindDn without password rather than binding unauthenticated', async () => {
    const error = await readError(source({ bindPassword: '' }));
    expect(error).toBeInstanceOf(DirectoryAuthError);
    expect(error.message).toMatch(/no password given/);
  });

  it.each<[Partial<LdapDirectorySource>, RegExp]>([
    [{ url: 'http://dc1:389' }, /scheme is http/],
    [{ url: 'not a url' }, /does not parse/],
    [{ url: 'ldaps://dc1', startTls: true }, /startTls is set on an ldaps:\/\/ url/],
    [{ pageSize: 0 }, /pageSize is 0/],
    [{ timeoutMs: -1 }, /timeoutMs is -1/],
    [{ baseDn: 'dc=acme,,dc=test' }, /baseDn "dc=acme,,dc=test" is not a DN/],
    [{ userFilter: '(uid=a' }, /userFilter/],
  ])('refuses an unusable source %o', async (extra, message) => {
    const error = await readError(source(extra));
    expect(error).toBeInstanceOf(InvalidDirectorySourceError);
    expect(error.message).toMatch(message);
  });

  it('says the server is unreachable when the port is closed, without the password', async () => {
    const server = await listenMute();
    const port = server.port;
    await server.close();
    const error = await readError(source({ url: `ldap://user:secret@127.0.0.1:${port}/dc=x` }));
    expect(error).toBeInstanceOf(DirectoryUnreachableError);
    expect(error.message).toBe(`cannot reach ldap://127.0.0.1:${port}: connection refused. Check the url and that the server is running and reachable`);
    expect(error.message).not.toMatch(/secret|not-a-real-password/);
  });

  it('times out on a server that accepts and never answers', async () => {
    const server = await listenMute();
    try {
      const error = await readError(source({ url: `ldap://127.0.0.1:${server.port}`, timeoutMs: 300 }));
      expect(error).toBeInstanceOf(DirectoryUnreachableError);
      expect(error.message).toMatch(/no answer within 300 ms \(bind\)/);
    } finally {
      await server.close();
    }
  });
});

import { DefaultDirectoryReader } from './default-directory.reader.js';
import type { DirectoryEntry } from './directory-entry.js';
import { DirectoryReader } from './directory-reader.port.js';
import type { DirectorySource } from './directory-source.js';

async function* entries(dn: string): AsyncGenerator<DirectoryEntry> {
  yield { dn, attributes: {} };
}

describe('DefaultDirectoryReader', () => {
  const ldap = {
    read: () => entries('from-ldap'),
    async *readBatches() {
      yield [{ dn: 'from-ldap', attributes: {} }];
    },
    serverState: async () => ({ vendorName: 'from-ldap' }),
    async *readDeleted() {
      yield { objectGuid: '00000000-0000-0000-0000-000000000001', dn: 'from-ldap', lastKnownParent: null };
    },
  };
  const ldif = { read: () => entries('from-ldif') };
  const reader = new DefaultDirectoryReader(ldap, ldif);

  it('is a DirectoryReader', () => {
    expect(reader).toBeInstanceOf(DirectoryReader);
  });

  it.each<[DirectorySource, string]>([
    [{ kind: 'ldap', name: 'a', url: 'ldap://x', baseDn: 'dc=x' }, 'from-ldap'],
    [{ kind: 'ad', name: 'b', url: 'ldaps://x', baseDn: 'dc=x' }, 'from-ldap'],
    [{ kind: 'ldif', name: 'c', file: 'x.ldif' }, 'from-ldif'],
  ])('dispatches %o by kind', async (source, expected) => {
    const dns: string[] = [];
    for await (const entry of reader.read(source)) dns.push(entry.dn);
    expect(dns).toEqual([expected]);
  });

  it('asks the LDAP reader for the server state and deleted objects', async () => {
    const ad = { kind: 'ad' as const, name: 'b', url: 'ldaps://x', baseDn: 'dc=x' };
    expect(await reader.serverState(ad)).toEqual({ vendorName: 'from-ldap' });
    const deleted = [];
    for await (const d of reader.readDeleted(ad, { sinceUsn: '1' })) deleted.push(d.dn);
    expect(deleted).toEqual(['from-ldap']);
  });

  it('refuses an incremental read of an LDIF export', () => {
    expect(() => reader.read({ kind: 'ldif', name: 'c', file: 'x.ldif' }, { changedSince: { usn: '5' } })).toThrow(/read whole/);
  });
});

import type { DirectoryEntry } from './directory-entry.js';
import { DirectoryReader, type ReadOptions } from './directory-reader.port.js';
import type { DirectorySource } from './directory-source.js';
import { LdapEntryReader } from './ldap/ldap-entry.reader.js';
import { LdifEntryReader } from './ldif/ldif-entry.reader.js';

/** Reads LDAP and AD servers with ldapts and LDIF exports from files, chosen by the source's kind. */
export class DefaultDirectoryReader extends DirectoryReader {
  constructor(
    private readonly ldap: Pick<LdapEntryReader, 'read'> = new LdapEntryReader(),
    private readonly ldif: Pick<LdifEntryReader, 'read'> = new LdifEntryReader(),
  ) {
    super();
  }

  override read(source: DirectorySource, options?: ReadOptions): AsyncIterable<DirectoryEntry> {
    switch (source.kind) {
      case 'ldap':
      case 'ad':
        return this.ldap.read(source, options);
      case 'ldif':
        return this.ldif.read(source, options);
      default: {
        const unknown: never = source;
        throw new Error(`unknown directory kind ${(unknown as { kind: string }).kind}`);
      }
    }
  }
}

import type { DirectoryEntry } from './directory-entry.js';
import { type DeletedEntry, DirectoryReader, type DirectoryServerState, type ReadOptions } from './directory-reader.port.js';
import type { DirectorySource, LdapDirectorySource } from './directory-source.js';
import { LdapEntryReader } from './ldap/ldap-entry.reader.js';
import { LdifEntryReader } from './ldif/ldif-entry.reader.js';

/** Reads LDAP and AD servers with the LDAP reader and LDIF exports from files, chosen by the source's kind. */
export class DefaultDirectoryReader extends DirectoryReader {
  constructor(
    private readonly ldap: Pick<LdapEntryReader, 'read' | 'readBatches' | 'serverState' | 'readDeleted'> = new LdapEntryReader(),
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
        if (options?.changedSince || options?.identifiersOnly || options?.guids) {
          throw new Error('an LDIF export is read whole: changedSince, identifiersOnly and guids apply to LDAP servers');
        }
        return this.ldif.read(source, options);
      default: {
        const unknown: never = source;
        throw new Error(`unknown directory kind ${(unknown as { kind: string }).kind}`);
      }
    }
  }

  override readBatches(source: DirectorySource, options?: ReadOptions): AsyncIterable<DirectoryEntry[]> {
    if (source.kind === 'ldif') return super.readBatches(source, options);
    return this.ldap.readBatches(source, options);
  }

  override serverState(source: LdapDirectorySource, options?: { signal?: AbortSignal }): Promise<DirectoryServerState> {
    return this.ldap.serverState(source, options);
  }

  override readDeleted(source: LdapDirectorySource, options: { sinceUsn: string; signal?: AbortSignal }): AsyncIterable<DeletedEntry> {
    return this.ldap.readDeleted(source, options);
  }
}

import type { DirectoryEntry } from './directory-entry.js';
import type { DirectorySource, LdapDirectorySource } from './directory-source.js';

/**
 * Only the entries changed since a point, for an incremental sync:
 * - usn: AD's `(uSNChanged>=usn)`, a number valid on the domain controller that gave it; with
 *   badPasswordSince (a FILETIME), also the accounts with a failed password since then: badPwdCount and
 *   badPasswordTime are not replicated and do not move uSNChanged, so a USN alone never shows them
 * - csn: OpenLDAP's entryCSN after csn, a change sequence number (microseconds, then a counter)
 * - modifyTimestamp: `(modifyTimestamp>=t)`, a GeneralizedTime of the server's clock
 */
export type ChangedSince = { usn: string; badPasswordSince?: string } | { csn: string } | { modifyTimestamp: string };

export interface ReadOptions {
  /** Stops the read: the iteration throws the signal's reason and the connection is closed. */
  signal?: AbortSignal;
  /** LDAP and AD only: the entries changed since then. */
  changedSince?: ChangedSince;
  /**
   * LDAP and AD only: read just the DN and the identifier (entryUUID, objectGUID) of every entry,
   * to find deletions and moves cheaply.
   */
  identifiersOnly?: boolean;
  /** LDAP and AD only: the entries with these objectGUIDs / entryUUIDs (lower-case text), in full. */
  guids?: string[];
  /** Called after each page of a paged search with the number of entries read so far. */
  onPage?: (entries: number) => void;
}

/** What the server says about itself (its root DSE), for incremental syncs. */
export interface DirectoryServerState {
  /** AD: highestCommittedUSN when asked. */
  highestCommittedUsn?: string;
  /** AD: dsServiceName, the domain controller that answered (a USN is only valid on it). */
  serverName?: string;
  /** AD: defaultNamingContext. */
  defaultNamingContext?: string;
  /** vendorName (OpenLDAP: "OpenLDAP"); absent on AD. */
  vendorName?: string;
  /**
   * OpenLDAP with the syncprov overlay: the contextCSN of the naming context that holds the base DN,
   * the latest change committed with every earlier one; the oldest of its values when there are
   * several (one per provider of a multi-provider replication). Absent elsewhere.
   */
  contextCsn?: string;
  /**
   * OpenLDAP: the default password policy of the database that holds the base DN (olcPPolicyDefault of its
   * ppolicy overlay in cn=config), when this account may read cn=config. Absent elsewhere.
   */
  defaultPasswordPolicy?: string;
}

/** An AD object deleted since a USN, as the Deleted Objects container keeps it. */
export interface DeletedEntry {
  objectGuid: string;
  /** Its tombstone DN (CN=name\0ADEL:guid,CN=Deleted Objects,...). */
  dn: string;
  lastKnownParent: string | null;
}

/**
 * Reads every entry of a directory, one at a time. An abstract class rather than an interface so
 * that it can serve as a NestJS injection token (`{ provide: DirectoryReader, useClass: ... }`).
 * Failures are DirectoryError subclasses, each with a hint for the administrator.
 */
export abstract class DirectoryReader {
  abstract read(source: DirectorySource, options?: ReadOptions): AsyncIterable<DirectoryEntry>;
  /**
   * The same entries, in batches (as they arrive from the server): fewer awaits for a consumer that
   * handles hundreds of thousands of entries. By default, batches of what read() yields.
   */
  async *readBatches(source: DirectorySource, options?: ReadOptions): AsyncIterable<DirectoryEntry[]> {
    let batch: DirectoryEntry[] = [];
    for await (const entry of this.read(source, options)) {
      batch.push(entry);
      if (batch.length >= 500) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }
  /** The root DSE of an LDAP or AD server. */
  abstract serverState(source: LdapDirectorySource, options?: { signal?: AbortSignal }): Promise<DirectoryServerState>;
  /** AD only: the objects deleted since a USN (show-deleted control), from the Deleted Objects container. */
  abstract readDeleted(source: LdapDirectorySource, options: { sinceUsn: string; signal?: AbortSignal }): AsyncIterable<DeletedEntry>;
}

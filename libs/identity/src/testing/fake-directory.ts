import {
  type AttributeValue,
  type DeletedEntry,
  type DirectoryEntry,
  DirectoryReader,
  type DirectoryServerState,
  type DirectorySource,
  type ReadOptions,
  formatDn,
  guidToBytes,
  normalizeDn,
  parseDn,
} from '#vigie/directory';

interface Stored {
  entry: DirectoryEntry;
  guid: string;
  usn: number;
  modified: number;
  /** OpenLDAP's entryCSN of its last write. */
  csn: string;
}

/**
 * A directory in memory that behaves, for a sync, the way AD or OpenLDAP does: a write bumps the
 * entry's uSNChanged (AD) or modifyTimestamp (OpenLDAP, whole seconds); renaming a container
 * changes its descendants' DNs without touching them; `member` values follow a rename or a
 * deletion without the group being written (AD links, OpenLDAP refint); AD keeps tombstones.
 * OpenLDAP with `syncprov` also serves the contextCSN of its latest write.
 * For unit specs of the sync logic only: integration tests use slapd and Samba.
 */
export class FakeDirectory extends DirectoryReader {
  private readonly entries = new Map<string, Stored>();
  private readonly tombstones: Array<{ guid: string; usn: number; dn: string }> = [];
  private usn = 1000;
  /** Seconds since the epoch on the fake server's clock. */
  clock = 1_700_000_000;
  serverName = 'CN=NTDS Settings,CN=DC1,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=acme,DC=test';
  /** Throws this after `failAfter` entries of a read, as a server dying mid-read would. */
  failAfter: { entries: number; error: Error } | null = null;
  /** OpenLDAP: serve a contextCSN, as the syncprov overlay does. */
  syncprov = false;

  constructor(readonly kind: 'ad' | 'ldap') {
    super();
  }

  /**
   * Adds or replaces an entry (matched by GUID); the GUID goes in objectGUID (AD) or entryUUID.
   * `silent`: it keeps the oldest uSNChanged / modifyTimestamp / entryCSN, as an entry restored from
   * an export with its operational attributes does.
   */
  /**
   * AD: a wrong password on the account, at `at` (FILETIME text): badPwdCount and badPasswordTime change on the DC,
   * which neither replicates them nor moves uSNChanged.
   */
  failPassword(guid: string, at: string): void {
    const stored = this.entries.get(guid);
    if (!stored) throw new Error(`no entry ${guid}`);
    const count = Number(stored.entry.attributes.badpwdcount?.[0] ?? 0);
    stored.entry.attributes.badpwdcount = [String(count + 1)];
    stored.entry.attributes.badpasswordtime = [at];
  }

  put(guid: string, dn: string, attributes: Record<string, AttributeValue[]>, options: { silent?: boolean } = {}): void {
    const attrs: Record<string, AttributeValue[]> = {};
    for (const [k, v] of Object.entries(attributes)) attrs[k.toLowerCase()] = v;
    if (this.kind === 'ad') attrs.objectguid = [guidToBytes(guid)];
    else attrs.entryuuid = [guid];
    this.entries.set(guid, { entry: { dn, attributes: attrs }, guid, usn: 0, modified: 0, csn: '' });
    if (!options.silent) this.touch(guid);
  }

  /** Changes attributes of an entry, as a write does. */
  modify(guid: string, attributes: Record<string, AttributeValue[] | null>): void {
    const stored = this.get(guid);
    for (const [k, v] of Object.entries(attributes)) {
      if (v === null) delete stored.entry.attributes[k.toLowerCase()];
      else stored.entry.attributes[k.toLowerCase()] = v;
    }
    this.touch(guid);
  }

  /**
   * Renames or moves an entry and, with it, every entry under it. `silent`: the entry's own
   * uSNChanged / modifyTimestamp stays (a server that does not count a rename as a write).
   */
  move(guid: string, newDn: string, options: { silent?: boolean } = {}): void {
    const stored = this.get(guid);
    const oldNorm = normalizeDn(stored.entry.dn);
    const renamed = new Map<string, string>([[oldNorm, newDn]]);
    stored.entry.dn = newDn;
    if (!options.silent) this.touch(guid);
    for (const other of this.entries.values()) {
      const norm = normalizeDn(other.entry.dn);
      if (!norm.endsWith(`,${oldNorm}`)) continue;
      const rdns = parseDn(other.entry.dn);
      const dn = `${formatDn(rdns.slice(0, rdns.length - parseDn(oldNorm).length))},${newDn}`;
      renamed.set(norm, dn);
      other.entry.dn = dn; // the descendant itself is not written
    }
    this.followRenames((dn) => renamed.get(dn));
  }

  delete(guid: string): void {
    const stored = this.get(guid);
    this.entries.delete(guid);
    const gone = normalizeDn(stored.entry.dn);
    this.tombstones.push({ guid, usn: ++this.usn, dn: `CN=x\\0ADEL:${guid},CN=Deleted Objects,DC=acme,DC=test` });
    this.followRenames((dn) => (dn === gone ? null : undefined));
  }

  /** Advances the server clock (OpenLDAP timestamps have whole seconds). */
  tick(seconds = 1): void {
    this.clock += seconds;
  }

  private followRenames(rename: (dnNorm: string) => string | null | undefined): void {
    for (const other of this.entries.values()) {
      const members = other.entry.attributes.member;
      if (!members) continue;
      let changed = false;
      const next: AttributeValue[] = [];
      for (const m of members) {
        const to = rename(normalizeDn(String(m)));
        if (to === undefined) next.push(m);
        else {
          changed = true;
          if (to !== null) next.push(to);
        }
      }
      if (!changed) continue;
      if (next.length) other.entry.attributes.member = next;
      else delete other.entry.attributes.member;
      // Neither AD (links) nor OpenLDAP's refint counts this as a write to the group: its
      // uSNChanged / modifyTimestamp stay (seen on Samba and slapd 2.5).
    }
  }

  private touch(guid: string): void {
    const stored = this.get(guid);
    stored.usn = ++this.usn;
    stored.modified = this.clock;
    stored.csn = this.csn();
    if (this.kind === 'ad') stored.entry.attributes.usnchanged = [String(stored.usn)];
    else stored.entry.attributes.modifytimestamp = [timestamp(this.clock)];
  }

  /** A CSN of now: the clock, then the write counter as microseconds, so that CSNs only grow. */
  private csn(): string {
    return `${timestamp(this.clock).slice(0, -1)}.${String(this.usn % 1_000_000).padStart(6, '0')}Z#000000#000#000000`;
  }

  private get(guid: string): Stored {
    const stored = this.entries.get(guid);
    if (!stored) throw new Error(`no entry ${guid}`);
    return stored;
  }

  override async *read(_source: DirectorySource, options: ReadOptions = {}): AsyncGenerator<DirectoryEntry> {
    let count = 0;
    const since = options.changedSince;
    for (const stored of [...this.entries.values()]) {
      if (since && 'usn' in since && stored.usn < Number(since.usn) && !failedSince(stored, since.badPasswordSince)) continue;
      if (since && 'modifyTimestamp' in since && timestamp(stored.modified) < since.modifyTimestamp) continue;
      if (since && 'csn' in since && stored.csn <= since.csn) continue;
      if (options.guids && !options.guids.includes(stored.guid)) continue;
      if (this.failAfter && count >= this.failAfter.entries) throw this.failAfter.error;
      count++;
      const entry = structuredClone(stored.entry);
      if (options.identifiersOnly) {
        const id: Record<string, AttributeValue[]> =
          this.kind === 'ad' ? { objectguid: entry.attributes.objectguid! } : { entryuuid: entry.attributes.entryuuid! };
        yield { dn: entry.dn, attributes: id };
      } else {
        for (const [k, v] of Object.entries(entry.attributes)) entry.attributes[k] = v.map((x) => (typeof x === 'string' ? x : Buffer.from(x)));
        yield entry;
      }
    }
  }

  /** One entry per batch, so that a failure mid-read leaves a count of what was read. */
  override async *readBatches(source: DirectorySource, options: ReadOptions = {}): AsyncGenerator<DirectoryEntry[]> {
    for await (const entry of this.read(source, options)) yield [entry];
  }

  override async serverState(): Promise<DirectoryServerState> {
    return this.kind === 'ad'
      ? { highestCommittedUsn: String(this.usn), serverName: this.serverName, defaultNamingContext: 'DC=acme,DC=test' }
      : { vendorName: 'OpenLDAP', ...(this.syncprov ? { contextCsn: this.csn() } : {}) };
  }

  override async *readDeleted(_source: unknown, options: { sinceUsn: string }): AsyncGenerator<DeletedEntry> {
    for (const t of this.tombstones) if (t.usn >= Number(options.sinceUsn)) yield { objectGuid: t.guid, dn: t.dn, lastKnownParent: null };
  }
}

function timestamp(seconds: number): string {
  return new Date(seconds * 1000)
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

function failedSince(stored: Stored, since: string | undefined): boolean {
  const at = stored.entry.attributes.badpasswordtime?.[0];
  return since !== undefined && typeof at === 'string' && BigInt(at) >= BigInt(since);
}

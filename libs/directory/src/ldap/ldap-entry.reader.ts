import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { AndFilter, Control, EqualityFilter, type Filter, FilterParser, OrFilter } from 'ldapts';
import type { DirectoryEntry } from '../directory-entry.js';
import type { ChangedSince, DeletedEntry, DirectoryServerState, ReadOptions } from '../directory-reader.port.js';
import { DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, type LdapDirectorySource } from '../directory-source.js';
import { guidToBytes, guidToString } from '../ad/ad-decoders.js';
import { dnEquals, isDnWithin, parseDn } from '../dn.js';
import { DirectoryAuthError, DirectoryTlsError, InvalidDirectorySourceError, InvalidDnError } from '../errors.js';
import { toDirectoryError, type LdapErrorContext } from './ldap-error-mapper.js';
import { attributesFor, groupsFirstFilters, searchFilterFor } from './ldap-search-options.js';
import { LdapConnection, LdapResultError, type SearchSpec } from './protocol/ldap-connection.js';
import { completeRangedAttributes } from './ranged-attribute.js';

/** What to search for; the base and scope default to the source's base DN and its subtree. */
interface SearchSpecOptions {
  filter: string | Filter;
  attributes: string[];
  controls?: Control[];
  base?: string;
  scope?: 'base' | 'one' | 'sub';
}

// Show deleted objects (MS-ADTS 3.1.1.3.4.1.14): tombstones are searchable with it.
const SHOW_DELETED_OID = '1.2.840.113556.1.4.417';
const GUID_BATCH = 200;

/**
 * Reads the accounts, groups, OUs and published resources of an LDAP directory (OpenLDAP or AD)
 * with a paged subtree search, one page in memory at a time.
 *
 * TLS always verifies the server certificate, against `caFile` when given, else the system CAs.
 * Search references (AD's pointers to the Configuration partition) are skipped. AD ranged
 * attributes are completed by base searches and merged under their plain name.
 */
export class LdapEntryReader {
  async *read(source: LdapDirectorySource, options: ReadOptions = {}): AsyncGenerator<DirectoryEntry> {
    for await (const batch of this.readBatches(source, options)) yield* batch;
  }

  /** The entries of read(), in the batches they arrive in. */
  async *readBatches(source: LdapDirectorySource, options: ReadOptions = {}): AsyncGenerator<DirectoryEntry[]> {
    const base = searchFilterFor(source);
    const attributes = options.identifiersOnly ? identifierAttributes(source) : attributesFor(source);
    const since = options.changedSince;
    const changed = since ? changedFilter(since) : '';
    const filters: Array<string | Filter> = [];
    if (options.guids) {
      // Several searches, each naming a batch of identifiers: a filter of 100k terms is refused.
      const scope = FilterParser.parseString(changed ? `(&${base}${changed})` : base);
      for (let i = 0; i < options.guids.length; i += GUID_BATCH) {
        const terms = options.guids.slice(i, i + GUID_BATCH).map((guid) => guidFilter(source, guid));
        filters.push(new AndFilter({ filters: [scope, new OrFilter({ filters: terms })] }));
      }
    } else if (changed || options.identifiersOnly) {
      filters.push(changed ? `(&${base}${changed})` : base);
    } else {
      // A whole read: groups first (see groupsFirstFilters).
      filters.push(...groupsFirstFilters(source));
    }
    // The groups' DNs, to skip in the second search of a groups-first read the entries the first returned.
    const groupDns = filters.length === 2 && !options.guids ? new Set<string>() : null;
    yield* this.session(source, options, async function* (connection) {
      let done = 0;
      for (const [i, filter] of filters.entries()) {
        let thisSearch = 0;
        const onPage = (n: number) => {
          thisSearch = n;
          options.onPage?.(done + n);
        };
        for await (const batch of pagedEntries(connection, source, { filter, attributes }, options.signal, onPage)) {
          if (groupDns && i === 0) for (const entry of batch) groupDns.add(entry.dn);
          yield groupDns?.size && i === 1 ? batch.filter((entry) => !groupDns.has(entry.dn)) : batch;
        }
        done += thisSearch;
      }
    });
  }

  async serverState(source: LdapDirectorySource, options: { signal?: AbortSignal } = {}): Promise<DirectoryServerState> {
    let state: DirectoryServerState = {};
    // A session yields entries; this one yields none and sets `state` (the root DSE is one entry, read whole).
    // eslint-disable-next-line require-yield
    const sessions = this.session(source, options, async function* (connection) {
      const search = connection.search({
        base: '',
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: ['highestCommittedUSN', 'dsServiceName', 'defaultNamingContext', 'vendorName', 'namingContexts'],
      });
      // Only AD's incremental runs need the root DSE; elsewhere a server that hides it (an LDAP
      // error, not a lost connection) is synced with the modifyTimestamp margin.
      const { entries } =
        source.kind === 'ad'
          ? await search
          : await search.catch((error: unknown) => (error instanceof LdapResultError ? { entries: [] } : Promise.reject(error)));
      const root = entries[0]?.entry ?? { dn: '', attributes: {} };
      const first = (name: string) => {
        const value = root.attributes[name.toLowerCase()]?.[0];
        return value === undefined ? undefined : String(value);
      };
      state = {
        highestCommittedUsn: first('highestCommittedUSN'),
        serverName: first('dsServiceName'),
        defaultNamingContext: first('defaultNamingContext'),
        vendorName: first('vendorName'),
      };
      if (source.kind !== 'ad') {
        const contexts = (root.attributes.namingcontexts ?? []).map(String);
        const [contextCsn, defaultPolicy] = await Promise.all([
          readContextCsn(connection, source.baseDn, contexts),
          readDefaultPasswordPolicy(connection, source.baseDn),
        ]);
        if (contextCsn) state.contextCsn = contextCsn;
        if (defaultPolicy) state.defaultPasswordPolicy = defaultPolicy;
      }
    });
    for await (const _ of sessions) {
      // the session yields nothing
    }
    return state;
  }

  async *readDeleted(source: LdapDirectorySource, options: { sinceUsn: string; signal?: AbortSignal }): AsyncGenerator<DeletedEntry> {
    yield* this.session(source, options, async function* (connection) {
      const { entries } = await connection.search({ base: '', scope: 'base', filter: '(objectClass=*)', attributes: ['defaultNamingContext'] });
      const naming = entries[0]?.entry.attributes.defaultnamingcontext?.[0];
      const root = typeof naming === 'string' && naming ? naming : source.baseDn;
      const spec: SearchSpecOptions = {
        base: `CN=Deleted Objects,${root}`,
        scope: 'one',
        filter: `(&(isDeleted=TRUE)(uSNChanged>=${digits(options.sinceUsn)}))`,
        attributes: ['objectGUID', 'lastKnownParent', 'isDeleted'],
        controls: [new Control(SHOW_DELETED_OID, { critical: true })],
      };
      for await (const batch of pagedEntries(connection, source, spec, options.signal)) {
        for (const entry of batch) {
          const raw = entry.attributes.objectguid?.[0];
          if (!raw || typeof raw === 'string' || raw.length !== 16) continue;
          const parent = entry.attributes.lastknownparent?.[0];
          yield { objectGuid: guidToString(raw), dn: entry.dn, lastKnownParent: typeof parent === 'string' ? parent : null };
        }
      }
    });
  }

  /** Connects, binds, runs `work` on the connection, and always closes; errors become DirectoryErrors. */
  private async *session<T>(
    source: LdapDirectorySource,
    options: { signal?: AbortSignal },
    work: (connection: LdapConnection) => AsyncGenerator<T>,
  ): AsyncGenerator<T> {
    const { signal } = options;
    signal?.throwIfAborted();
    const target = parseUrl(source);
    const timeoutMs = source.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const context: LdapErrorContext = {
      url: target.display,
      bindDn: source.bindDn,
      baseDn: source.baseDn,
      caFile: source.caFile,
      timeoutMs,
      phase: 'connect',
    };
    if (source.bindDn && !source.bindPassword) {
      // An empty password makes a simple bind "unauthenticated" (RFC 4513 §5.1.2): some servers
      // accept it and the read would silently run anonymously.
      throw new DirectoryAuthError(source.bindDn, 'no password given', 'Check that the password variable is set and not empty');
    }
    if (source.startTls && target.secure) {
      throw new InvalidDirectorySourceError(source.name, 'startTls is set on an ldaps:// url', 'Use either ldaps:// or ldap:// with startTls, not both');
    }
    checkNumbers(source);
    checkBaseDn(source);
    searchFilterFor(source);
    const tls = target.secure || source.startTls ? await tlsOptions(source, target) : undefined;

    let connection: LdapConnection | undefined;
    // Aborting closes the socket, which fails the operation in flight.
    const onAbort = () => connection?.destroy();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      connection = await LdapConnection.open(target.host, target.port, { timeoutMs, tls: target.secure ? tls : undefined });
      signal?.throwIfAborted();
      if (source.startTls) {
        context.phase = 'starttls';
        await connection.startTls(tls!);
      }
      if (source.bindDn) {
        context.phase = 'bind';
        await connection.bind(source.bindDn, source.bindPassword!);
      }
      context.phase = 'search';
      yield* work(connection);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toDirectoryError(error, context);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      connection?.close();
    }
  }
}

/** The entries of one paged search, ranged attributes completed, in the batches they arrive in. */
async function* pagedEntries(
  connection: LdapConnection,
  source: LdapDirectorySource,
  spec: SearchSpecOptions,
  signal?: AbortSignal,
  onPage?: (entries: number) => void,
): AsyncGenerator<DirectoryEntry[]> {
  const search: SearchSpec = {
    base: spec.base ?? source.baseDn,
    scope: spec.scope ?? 'sub',
    filter: spec.filter,
    attributes: spec.attributes,
    controls: spec.controls,
  };
  let read = 0;
  let reported = 0;
  const pageSize = source.pageSize ?? DEFAULT_PAGE_SIZE;
  // Continuation references to other naming contexts (AD's Configuration partition) are not followed.
  for await (const items of connection.pagedSearch(search, pageSize)) {
    signal?.throwIfAborted();
    const batch: DirectoryEntry[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      const { entry, ranged } = items[i]!;
      batch[i] = ranged ? await completeRangedAttributes(entry, (dn, description) => readAttribute(connection, dn, description)) : entry;
    }
    yield batch;
    read += batch.length;
    if (read - reported >= pageSize) {
      reported = read;
      onPage?.(read);
    }
  }
  if (read !== reported || read === 0) onPage?.(read);
}

function identifierAttributes(source: LdapDirectorySource): string[] {
  return source.kind === 'ad' ? ['objectGUID'] : ['entryUUID'];
}

/**
 * An equality term for one identifier: entryUUID as text, objectGUID as its bytes. Built as a
 * filter object: ldapts' filter parser turns `\\xx` escapes into characters, not bytes, which
 * breaks any byte over 0x7f.
 */
function guidFilter(source: LdapDirectorySource, guid: string): Filter {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(guid)) {
    throw new InvalidDirectorySourceError(source.name, `"${guid}" is not a GUID`, 'This is a bug in the caller: report it');
  }
  if (source.kind !== 'ad') return new EqualityFilter({ attribute: 'entryUUID', value: guid.toLowerCase() });
  return new EqualityFilter({ attribute: 'objectGUID', value: guidToBytes(guid) });
}

function changedFilter(since: ChangedSince): string {
  if ('usn' in since) {
    const usn = `(uSNChanged>=${digits(since.usn)})`;
    return since.badPasswordSince ? `(|${usn}(badPasswordTime>=${digits(since.badPasswordSince)}))` : usn;
  }
  // After it, not from it: the change with that very CSN was read by the run that took it.
  if ('csn' in since) return `(&(entryCSN>=${csn(since.csn)})(!(entryCSN=${since.csn})))`;
  return `(modifyTimestamp>=${generalizedTime(since.modifyTimestamp)})`;
}

/**
 * The contextCSN of the naming context that holds the base DN (syncprov keeps it on the context's
 * entry), or undefined when there is none: no syncprov, no access, or another database's naming
 * context under the base DN, whose changes that contextCSN would not count. Several values (one per
 * provider of a multi-provider replication): the oldest, so that no provider's changes are skipped.
 */
async function readContextCsn(connection: LdapConnection, baseDn: string, namingContexts: string[]): Promise<string | undefined> {
  try {
    const holder = namingContexts.find((context) => context && isDnWithin(baseDn, context));
    if (!holder || namingContexts.some((context) => context && !dnEquals(context, holder) && isDnWithin(context, baseDn))) return undefined;
    const { entries } = await connection.search({ base: holder, scope: 'base', filter: '(objectClass=*)', attributes: ['contextCSN'] });
    const values = (entries[0]?.entry.attributes.contextcsn ?? []).map(String).filter(isCsn);
    return values.length ? values.reduce((a, b) => (b < a ? b : a)) : undefined;
  } catch {
    // Not readable with this account (or a naming context that does not parse): the sync keeps its margin instead.
    return undefined;
  }
}

/**
 * The default password policy (olcPPolicyDefault) of the ppolicy overlay on the database whose suffix holds the
 * base DN. cn=config is readable by its own administrators only, unless an ACL says otherwise: when it cannot be
 * read, undefined, and the directory's `passwordPolicyDn` setting names the default instead.
 */
async function readDefaultPasswordPolicy(connection: LdapConnection, baseDn: string): Promise<string | undefined> {
  try {
    const { entries } = await connection.search({
      base: 'cn=config',
      scope: 'sub',
      filter: '(|(objectClass=olcPPolicyConfig)(objectClass=olcDatabaseConfig))',
      attributes: ['olcPPolicyDefault', 'olcSuffix'],
    });
    // An overlay's entry sits right under its database's: olcOverlay={2}ppolicy,olcDatabase={1}mdb,cn=config.
    const suffixes = new Map<string, string[]>();
    for (const { entry } of entries) if (entry.attributes.olcsuffix) suffixes.set(entry.dn.toLowerCase(), entry.attributes.olcsuffix.map(String));
    for (const { entry } of entries) {
      const value = entry.attributes.olcppolicydefault?.[0];
      if (value === undefined) continue;
      const database = entry.dn.slice(entry.dn.indexOf(',') + 1).toLowerCase();
      if ((suffixes.get(database) ?? []).some((suffix) => isDnWithin(baseDn, suffix))) return String(value);
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/** OpenLDAP's CSN: GeneralizedTime with microseconds, then counter, server id and modification number in hex. */
const CSN = /^\d{14}\.\d{6}Z#[0-9a-f]{6}#[0-9a-f]{3}#[0-9a-f]{6}$/i;

function isCsn(value: string): boolean {
  return CSN.test(value);
}

function csn(value: string): string {
  if (!isCsn(value)) throw new RangeError(`"${value}" is not a CSN such as 20250101120000.000000Z#000000#000#000000`);
  return value;
}

function digits(value: string): string {
  if (!/^\d+$/.test(value)) throw new RangeError(`"${value}" is not a USN`);
  return value;
}

function generalizedTime(value: string): string {
  if (!/^\d{14}(\.\d+)?Z$/.test(value)) throw new RangeError(`"${value}" is not a GeneralizedTime such as 20250101120000Z`);
  return value;
}

/** Reads one attribute description of one entry, for AD range retrieval. */
async function readAttribute(connection: LdapConnection, dn: string, description: string): Promise<DirectoryEntry['attributes']> {
  const { entries } = await connection.search({ base: dn, scope: 'base', filter: '(objectClass=*)', attributes: [description] });
  return entries[0]?.entry.attributes ?? {};
}

function checkNumbers(source: LdapDirectorySource): void {
  for (const option of ['pageSize', 'timeoutMs'] as const) {
    const value = source[option];
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new InvalidDirectorySourceError(source.name, `${option} is ${value}`, `Check ${option}: a positive whole number, or leave it out`);
    }
  }
}

function checkBaseDn(source: LdapDirectorySource): void {
  try {
    parseDn(source.baseDn);
  } catch (error) {
    if (!(error instanceof InvalidDnError)) throw error;
    throw new InvalidDirectorySourceError(source.name, `baseDn "${source.baseDn}" is not a DN (${error.summary})`, 'Check baseDn, e.g. dc=example,dc=com');
  }
}

export interface Target {
  /** What ldapts connects to: scheme, host and port. */
  url: string;
  /** The same, for messages. */
  display: string;
  host: string;
  port: number;
  secure: boolean;
}

export function parseUrl(source: LdapDirectorySource): Target {
  let url: URL;
  try {
    url = new URL(source.url);
  } catch {
    throw new InvalidDirectorySourceError(source.name, 'the url does not parse', 'Check the url: ldap://host:389 or ldaps://host:636');
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'ldap' && scheme !== 'ldaps') {
    throw new InvalidDirectorySourceError(source.name, `the url scheme is ${scheme}:`, 'Check the url: ldap://host:389 or ldaps://host:636');
  }
  if (!url.hostname) {
    throw new InvalidDirectorySourceError(source.name, 'the url has no host', 'Check the url: ldap://host:389 or ldaps://host:636');
  }
  const secure = scheme === 'ldaps';
  const port = url.port || (secure ? '636' : '389');
  // Rebuilt from its parts: credentials or a path in the url never reach ldapts or a message.
  const display = `${scheme}://${url.hostname}:${port}`;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { url: display, display, host, port: Number(port), secure };
}

export async function tlsOptions(source: LdapDirectorySource, target: Target): Promise<ConnectionOptions> {
  let ca: Buffer | undefined;
  if (source.caFile) {
    try {
      ca = await readFile(source.caFile);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new DirectoryTlsError(
        target.display,
        `cannot read the CA file ${source.caFile} (${code ?? String(error)})`,
        'Check the caFile option: it must name a readable PEM file',
        { cause: error },
      );
    }
  }
  return {
    ca,
    // Explicit, so that NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment cannot turn it off.
    rejectUnauthorized: true,
    // The name the certificate must carry; for StartTLS, Node would otherwise check "localhost".
    host: target.host,
    // SNI takes host names only (RFC 6066), not IP addresses.
    servername: isIP(target.host) ? undefined : target.host,
  };
}

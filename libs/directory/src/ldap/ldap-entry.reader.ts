import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client } from 'ldapts';
import type { DirectoryEntry } from '../directory-entry.js';
import { DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, type LdapDirectorySource } from '../directory-source.js';
import { parseDn } from '../dn.js';
import { DirectoryAuthError, DirectoryTlsError, InvalidDirectorySourceError, InvalidDnError } from '../errors.js';
import { toDirectoryEntry } from './ldap-entry-mapper.js';
import { toDirectoryError, type LdapErrorContext } from './ldap-error-mapper.js';
import { attributesFor, EXPLICIT_BUFFER_ATTRIBUTES, searchFilterFor } from './ldap-search-options.js';
import { completeRangedAttributes, hasRangedAttributes } from './ranged-attribute.js';
import { readAhead } from './read-ahead.js';

/**
 * Reads the accounts, groups, OUs and published resources of an LDAP directory (OpenLDAP or AD)
 * with a paged subtree search, the next page requested while the current one is decoded (two pages in memory
 * at most).
 *
 * TLS always verifies the server certificate, against `caFile` when given, else the system CAs.
 * Search references (AD's pointers to the Configuration partition) are skipped. AD ranged
 * attributes are completed by base searches and merged under their plain name.
 */
export class LdapEntryReader {
  async *read(source: LdapDirectorySource, options: { signal?: AbortSignal } = {}): AsyncGenerator<DirectoryEntry> {
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
    const filter = searchFilterFor(source);
    const tls = target.secure || source.startTls ? await tlsOptions(source, target) : undefined;

    const client = new Client({
      url: target.url,
      timeout: timeoutMs,
      connectTimeout: timeoutMs,
      // Only for ldaps: ldapts opens a TLS socket straight away whenever tlsOptions are set.
      tlsOptions: target.secure ? tls : undefined,
    });
    // Aborting closes the socket, which fails the operation in flight.
    const onAbort = () => void client.unbind().catch(() => undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (source.startTls) {
        context.phase = 'starttls';
        await client.startTLS(tls);
      }
      if (source.bindDn) {
        context.phase = 'bind';
        await client.bind(source.bindDn, source.bindPassword);
      }
      context.phase = 'search';
      const pages = client.searchPaginated(source.baseDn, {
        scope: 'sub',
        filter,
        attributes: attributesFor(source),
        explicitBufferAttributes: [...EXPLICIT_BUFFER_ATTRIBUTES],
        paged: { pageSize: source.pageSize ?? DEFAULT_PAGE_SIZE },
      });
      for await (const page of readAhead(pages)) {
        // page.searchReferences are continuation references to other naming contexts: not followed.
        for (const raw of page.searchEntries) {
          signal?.throwIfAborted();
          const entry = toDirectoryEntry(raw);
          yield hasRangedAttributes(entry.attributes)
            ? await completeRangedAttributes(entry, (dn, description) => readAttribute(client, dn, description))
            : entry;
        }
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toDirectoryError(error, context);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await client.unbind().catch(() => undefined);
    }
  }
}

/** Reads one attribute description of one entry, for AD range retrieval. */
async function readAttribute(client: Client, dn: string, description: string): Promise<DirectoryEntry['attributes']> {
  const { searchEntries } = await client.search(dn, {
    scope: 'base',
    filter: '(objectClass=*)',
    attributes: [description],
    explicitBufferAttributes: [...EXPLICIT_BUFFER_ATTRIBUTES],
  });
  return searchEntries[0] ? toDirectoryEntry(searchEntries[0]).attributes : {};
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

interface Target {
  /** What ldapts connects to: scheme, host and port. */
  url: string;
  /** The same, for messages. */
  display: string;
  host: string;
  secure: boolean;
}

function parseUrl(source: LdapDirectorySource): Target {
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
  return { url: display, display, host, secure };
}

async function tlsOptions(source: LdapDirectorySource, target: Target): Promise<ConnectionOptions> {
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

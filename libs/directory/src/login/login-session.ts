import type { ConnectionOptions } from 'node:tls';
import { VigieError } from '#vigie/common';
import type { DirectoryEntry } from '../directory-entry.js';
import { DEFAULT_PAGE_SIZE, type LdapDirectorySource } from '../directory-source.js';
import { DirectoryTlsError, InvalidDirectorySourceError } from '../errors.js';
import { parseUrl, type Target, tlsOptions } from '../ldap/ldap-entry.reader.js';
import { type LdapErrorContext, toDirectoryError } from '../ldap/ldap-error-mapper.js';
import { openConnection, withServiceConnection } from '../ldap/open-connection.js';
import { type LdapConnection, LdapResultError, type SearchPage, type SearchSpec } from '../ldap/protocol/ldap-connection.js';

// Busy and unavailable: the person's password was not judged, the server could not answer.
const SERVER_DOWN_CODES = new Set([51, 52]);

/**
 * The connections of one sign-in or re-read: the service account's, bound for the whole operation (searches, groups),
 * and the person's own bind on a separate connection, closed at once, so that nothing is ever read as the person and
 * the service account's session is never re-bound. Both go over LDAPS or StartTLS, with the server certificate checked
 * (against caFile when set); both are always closed. Errors carry the url and the phase, never a password.
 */
export class LoginSession {
  private constructor(
    readonly source: LdapDirectorySource,
    private readonly service: LdapConnection,
    private readonly target: Target,
    private readonly tls: ConnectionOptions,
    private readonly context: LdapErrorContext,
  ) {}

  /**
   * Connects and binds as the service account, runs `work`, and closes. Plain ldap:// without StartTLS, or a directory
   * without a service account, is refused before any connection (VigieError configuration); an unreachable server or a
   * failed TLS handshake is a VigieError unavailable.
   */
  static async run<T>(source: LdapDirectorySource, work: (session: LoginSession) => Promise<T>): Promise<T> {
    const target = parseUrl(source);
    checkSignInSource(source, target);
    // Outside the try: an unreadable caFile is the operator's to fix, not the server's being down.
    const tls = await tlsOptions(source, target);
    return withServiceConnection(
      source,
      target,
      tls,
      (service, context) => work(new LoginSession(source, service, target, tls, context)),
      (error) => forSignIn(source, error),
    );
  }

  /** One search with the service account (small answers: one account, one group, the root DSE). */
  search(spec: SearchSpec): Promise<SearchPage> {
    return this.service.search(spec);
  }

  /** A paged search with the service account, in the batches the entries arrive in (a person's groups may be many). */
  async *pages(spec: SearchSpec): AsyncGenerator<DirectoryEntry[]> {
    for await (const items of this.service.pagedSearch(spec, this.source.pageSize ?? DEFAULT_PAGE_SIZE)) yield items.map((item) => item.entry);
  }

  /**
   * Whether `password` is the password of `dn`: a simple bind as that DN on a connection of its own. Any refusal of
   * the server (invalid credentials, and AD's data 52e, 532, 533, 701, 773, 775 sub-codes alike) is false; a server
   * that is down or unreachable throws.
   */
  async bindAs(dn: string, password: string): Promise<boolean> {
    // An empty password would make an "unauthenticated" bind, which servers accept (RFC 4513 §5.1.2).
    if (!dn || !password) return false;
    const context: LdapErrorContext = { ...this.context, bindDn: dn, phase: 'connect' };
    let person: LdapConnection | undefined;
    try {
      person = await openConnection(this.source, this.target, this.tls, context);
      context.phase = 'bind';
      await person.bind(dn, password);
      return true;
    } catch (error) {
      if (context.phase === 'bind' && error instanceof LdapResultError && !SERVER_DOWN_CODES.has(error.code)) return false;
      throw toDirectoryError(error, context);
    } finally {
      person?.close();
    }
  }
}

function checkSignInSource(source: LdapDirectorySource, target: Target): void {
  if (source.startTls && target.secure) {
    throw new InvalidDirectorySourceError(source.name, 'startTls is set on an ldaps:// url', 'Use either ldaps:// or ldap:// with startTls, not both');
  }
  if (!target.secure && !source.startTls) {
    throw new InvalidDirectorySourceError(
      source.name,
      'signing in would send passwords in clear over plain ldap://',
      'Use an ldaps:// url or set startTls: true on this directory',
    );
  }
  if (!source.bindDn || !source.bindPassword) {
    throw new InvalidDirectorySourceError(
      source.name,
      'signing in needs a service account to find the person and read their groups',
      'Set bindDn and its password variable on this directory (docs/sign-in.md lists the rights it needs)',
    );
  }
}

/** A TLS failure while signing in is the directory being unusable for now, like an unreachable one. */
function forSignIn(source: LdapDirectorySource, error: unknown): unknown {
  if (!(error instanceof DirectoryTlsError)) return error;
  return new VigieError('unavailable', `signing in with the directory "${source.name}" is unavailable: ${error.message}`, { cause: error });
}

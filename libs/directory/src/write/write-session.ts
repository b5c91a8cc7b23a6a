import { type Filter, FilterParser } from 'ldapts';
import type { DirectoryEntry } from '../directory-entry.js';
import type { LdapDirectorySource } from '../directory-source.js';
import { InvalidDirectorySourceError } from '../errors.js';
import { parseUrl, tlsOptions } from '../ldap/ldap-entry.reader.js';
import { withServiceConnection } from '../ldap/open-connection.js';
import { type LdapConnection, LdapResultError } from '../ldap/protocol/ldap-connection.js';
import { DirectoryWriteError, type WriteContext, writeError } from './directory-write.error.js';

/** What one step of a write is, for its errors: the session adds the directory and the service account. */
export type WriteStep = Omit<WriteContext, 'directory' | 'bindDn'>;

/**
 * One connection bound as the directory's service account, for one write and the reads that go with it; always closed.
 * A refusal of the server is mapped with the WriteContext of the step that got it; a connection, TLS or bind failure
 * with the reader's mapper (unreachable: 'unavailable'; refused bind, untrusted certificate: 'configuration').
 */
export class WriteSession {
  private constructor(
    readonly source: LdapDirectorySource,
    readonly connection: LdapConnection,
  ) {}

  static async run<T>(source: LdapDirectorySource, options: { encrypted: boolean }, work: (session: WriteSession) => Promise<T>): Promise<T> {
    const target = parseUrl(source);
    checkWriteSource(source, target.secure, options.encrypted);
    const tls = await tlsOptions(source, target);
    return withServiceConnection(source, target, tls, (connection) => work(new WriteSession(source, connection)));
  }

  /** Runs one operation, mapping the server's refusal with `context`. */
  async step<T>(context: WriteStep, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      return this.fail(context, error);
    }
  }

  /** The error for an entry the step needs that is not there. */
  notFound(step: WriteStep, reason: string): DirectoryWriteError {
    const context = this.context(step);
    return new DirectoryWriteError(
      'not-found',
      32,
      `${context.operation} on the directory "${context.directory}" failed: ${reason}`,
      'Check the DN: it must name an existing entry of this directory',
    );
  }

  /** Throws the error a refused operation maps to with `context`. */
  fail(context: WriteStep, error: unknown): never {
    if (error instanceof LdapResultError) throw writeError(error.code, diagnosticOf(error), this.context(context), { cause: error });
    throw error;
  }

  /** The entry at dn (a base search), or null when there is none (noSuchObject) or it does not match `filter`. */
  async entry(dn: string, attributes: string[], context: WriteStep, filter: string | Filter = '(objectClass=*)'): Promise<DirectoryEntry | null> {
    try {
      const { entries } = await this.connection.search({
        base: dn,
        scope: 'base',
        filter: typeof filter === 'string' ? FilterParser.parseString(filter) : filter,
        attributes: attributes.length ? attributes : ['1.1'],
      });
      return entries[0]?.entry ?? null;
    } catch (error) {
      if (error instanceof LdapResultError && error.code === 32) return null;
      return this.fail(context, error);
    }
  }

  context(partial: WriteStep): WriteContext {
    return { ...partial, directory: this.source.name, bindDn: this.source.bindDn ?? '' };
  }
}

/** The server's diagnostic message, without the placeholder LdapResultError puts in its place when there is none. */
function diagnosticOf(error: LdapResultError): string {
  return error.message === `LDAP result ${error.code}` ? '' : error.message;
}

function checkWriteSource(source: LdapDirectorySource, secure: boolean, encrypted: boolean): void {
  if (source.startTls && secure) {
    throw new InvalidDirectorySourceError(source.name, 'startTls is set on an ldaps:// url', 'Use either ldaps:// or ldap:// with startTls, not both');
  }
  if (!source.bindDn || !source.bindPassword) {
    throw new InvalidDirectorySourceError(
      source.name,
      'writing to it needs a service account',
      'Set bindDn and its password variable on this directory, for an account with the rights docs/provisioning.md lists',
    );
  }
  if (encrypted && !secure && !source.startTls) {
    throw new InvalidDirectorySourceError(
      source.name,
      'setting a password would send it in clear over plain ldap://',
      'Use an ldaps:// url or set startTls: true on this directory',
    );
  }
}

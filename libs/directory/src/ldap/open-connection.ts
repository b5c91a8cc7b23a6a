import type { ConnectionOptions } from 'node:tls';
import { DEFAULT_TIMEOUT_MS, type LdapDirectorySource } from '../directory-source.js';
import type { Target } from './ldap-entry.reader.js';
import { type LdapErrorContext, toDirectoryError } from './ldap-error-mapper.js';
import { LdapConnection } from './protocol/ldap-connection.js';

/**
 * Opens a connection to the source's server: LDAPS when the url says so, else plain TCP upgraded with StartTLS when the
 * source asks for it. `context.phase` follows the steps, so that a failure is reported as the step it happened in.
 */
export async function openConnection(source: LdapDirectorySource, target: Target, tls: ConnectionOptions, context: LdapErrorContext): Promise<LdapConnection> {
  const connection = await LdapConnection.open(target.host, target.port, { timeoutMs: context.timeoutMs, tls: target.secure ? tls : undefined });
  if (source.startTls) {
    context.phase = 'starttls';
    try {
      await connection.startTls(tls);
    } catch (error) {
      connection.close();
      throw error;
    }
  }
  return connection;
}

/**
 * Connects, binds as the source's service account, runs `work` on the bound connection, and closes it whatever happens.
 * A failure is mapped by the reader's mapper with the phase it happened in (connect, starttls, bind, then search: what
 * `work` does); `mapError` refines it for the caller (sign-in, writes). The caller has checked the source beforehand.
 */
export async function withServiceConnection<T>(
  source: LdapDirectorySource,
  target: Target,
  tls: ConnectionOptions,
  work: (connection: LdapConnection, context: LdapErrorContext) => Promise<T>,
  mapError: (error: unknown) => unknown = (e) => e,
): Promise<T> {
  const timeoutMs = source.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const context: LdapErrorContext = { url: target.display, bindDn: source.bindDn, baseDn: source.baseDn, caFile: source.caFile, timeoutMs, phase: 'connect' };
  let connection: LdapConnection | undefined;
  try {
    connection = await openConnection(source, target, tls, context);
    context.phase = 'bind';
    await connection.bind(source.bindDn!, source.bindPassword!);
    context.phase = 'search';
    return await work(connection, context);
  } catch (error) {
    throw mapError(toDirectoryError(error, context));
  } finally {
    connection?.close();
  }
}

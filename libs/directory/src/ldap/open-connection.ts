import type { ConnectionOptions } from 'node:tls';
import type { LdapDirectorySource } from '../directory-source.js';
import type { Target } from './ldap-entry.reader.js';
import type { LdapErrorContext } from './ldap-error-mapper.js';
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

import { DirectoryAuthError, DirectoryError, DirectorySearchError, DirectoryTlsError, DirectoryUnreachableError } from '../errors.js';
import { BerError } from './protocol/ldap-response.decoder.js';

/** Which step of a read failed: the same LDAP result code means different things in each. */
export type LdapPhase = 'connect' | 'starttls' | 'bind' | 'search';

export interface LdapErrorContext {
  /** `ldap://host:port`, without credentials or path. */
  url: string;
  bindDn?: string;
  baseDn: string;
  caFile?: string;
  timeoutMs: number;
  phase: LdapPhase;
}

// Node's codes for a certificate that does not verify (OpenSSL X509 errors and hostname checks).
const CERTIFICATE_CODES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by a trusted CA',
  UNABLE_TO_GET_ISSUER_CERT: 'the issuer of the server certificate is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the server certificate is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in an untrusted self-signed CA',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not trusted',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not valid yet',
  CERT_REVOKED: 'the server certificate is revoked',
  CERT_SIGNATURE_FAILURE: 'the server certificate signature does not verify',
  CERT_UNTRUSTED: 'the server certificate is not trusted',
  INVALID_CA: 'a CA certificate in the chain is invalid',
};

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed by the server',
  EADDRNOTAVAIL: 'address not available',
};

// AD puts a Win32 code after "data" in the diagnostic of a refused bind; it says why.
const AD_BIND_DATA: Record<string, string> = {
  '525': 'no such user',
  '52e': 'invalid credentials',
  '530': 'logon not permitted at this time',
  '531': 'logon not permitted from this workstation',
  '532': 'the password has expired',
  '533': 'the account is disabled',
  '701': 'the account has expired',
  '773': 'the password must be changed before logging on',
  '775': 'the account is locked out',
};

const TLS_HINT_TAIL = 'and the url host must be a name or IP address the certificate lists';

/**
 * Turns what ldapts and Node throw into the errors of this context. Errors that are neither
 * LDAP results nor network or TLS failures (programming errors) are returned unchanged.
 */
export function toDirectoryError(rawError: unknown, context: LdapErrorContext): unknown {
  const error = rawError as Error;
  if (rawError instanceof DirectoryError) return rawError;
  // Bytes that are not LDAP: the url names another service's port (HTTP, PostgreSQL...).
  if (rawError instanceof BerError) {
    return new DirectoryUnreachableError(
      context.url,
      `the server does not answer in LDAP (${error.message}); check that the port is an LDAP port (389, or 636 for ldaps://)`,
      { cause: error },
    );
  }
  // Duck-typed: Node's socket errors may come from another realm (vm contexts, test runners).
  if (typeof rawError !== 'object' || rawError === null || typeof error.message !== 'string') return rawError;
  const options = { cause: error };
  const code = (error as { code?: unknown }).code;

  if (typeof code === 'number') return fromResultCode(code, error, context);

  if (typeof code === 'string') {
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      const host = context.url.replace(/^ldaps?:\/\//, '').replace(/:\d+$/, '');
      return new DirectoryTlsError(context.url, `the server certificate does not name ${host} (${error.message})`, tlsHint(context), options);
    }
    if (code in CERTIFICATE_CODES) {
      return new DirectoryTlsError(context.url, CERTIFICATE_CODES[code]!, tlsHint(context), options);
    }
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) {
      const plaintextPort = code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG';
      return new DirectoryTlsError(
        context.url,
        plaintextPort ? 'the port does not speak TLS' : error.message,
        plaintextPort ? 'Check the url: ldaps:// needs the LDAPS port (636); for port 389 use ldap:// with startTls' : tlsHint(context),
        options,
      );
    }
    if (code in NETWORK_CODES) return new DirectoryUnreachableError(context.url, NETWORK_CODES[code]! + ldapsAside(code, context), options);
  }

  const message = error.message;
  if (message === 'Connection timeout') {
    return new DirectoryUnreachableError(context.url, `no connection within ${context.timeoutMs} ms`, options);
  }
  if (message.endsWith('Operation timed out')) {
    return new DirectoryUnreachableError(context.url, `no answer within ${context.timeoutMs} ms (${phaseName(context.phase)})`, options);
  }
  if (message.startsWith('Connection closed before message response') || message.startsWith('Socket error')) {
    // An LDAPS port closes a connection that does not open with a TLS handshake.
    const aside = context.url.startsWith('ldap://') && context.phase !== 'starttls' ? ' (if this is an LDAPS port, use ldaps://)' : '';
    return new DirectoryUnreachableError(context.url, `the connection was closed during the ${phaseName(context.phase)}${aside}`, options);
  }
  if (context.phase === 'starttls' && /socket|TLS|SSL/i.test(message)) {
    return new DirectoryTlsError(context.url, message, tlsHint(context), options);
  }
  return error;
}

function fromResultCode(code: number, error: Error, context: LdapErrorContext): DirectoryError {
  const options = { cause: error };
  // ldapts appends " Code: 0x31" to the server's diagnostic message, which may be empty.
  const diagnostic = error.message.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim();
  const aside = diagnostic ? ` (${diagnostic})` : '';
  const detail = diagnostic ? `: ${diagnostic}` : '';
  const bindDn = context.bindDn ?? '';

  if (context.phase === 'starttls') {
    return new DirectoryTlsError(
      context.url,
      `the server refused StartTLS (result ${code}${detail})`,
      'Check that the server has a certificate configured, or use ldaps://',
      options,
    );
  }
  if (code === 51 || code === 52) {
    return new DirectoryUnreachableError(context.url, `the server is ${code === 51 ? 'busy' : 'unavailable'}${aside}`, options);
  }
  if (context.phase === 'bind' || context.phase === 'connect') {
    switch (code) {
      case 49: {
        const data = /\bdata ([0-9a-f]{3,4})\b/i.exec(diagnostic)?.[1]?.toLowerCase();
        const reason = (data && AD_BIND_DATA[data]) || 'invalid credentials';
        return new DirectoryAuthError(bindDn, reason, 'Check bindDn and the password variable', options);
      }
      case 8:
      case 13:
        return new DirectoryAuthError(
          bindDn,
          `the server requires an encrypted connection${aside}`,
          'Use ldaps:// or startTls, or relax the server (OpenLDAP security ssf, Samba "ldap server require strong auth")',
          options,
        );
      case 48:
      case 53:
        return new DirectoryAuthError(
          bindDn,
          `the server will not accept this bind${aside}`,
          'Check bindDn and the password variable: the server refuses anonymous and empty-password binds',
          options,
        );
      case 34:
        return new DirectoryAuthError(bindDn, 'bindDn is not a valid DN', 'Check bindDn', options);
      default:
        return new DirectoryAuthError(bindDn, `result ${code}${detail}`, 'Check bindDn and the password variable', options);
    }
  }
  switch (code) {
    case 32:
      return new DirectorySearchError(context.baseDn, 'no such object', 'Check baseDn: it must name an existing entry, e.g. dc=example,dc=com', options);
    case 34:
      return new DirectorySearchError(context.baseDn, 'baseDn is not a valid DN', 'Check baseDn', options);
    case 10:
      return new DirectorySearchError(
        context.baseDn,
        'the server refers this base to another server',
        'Check baseDn: it must be a naming context this server holds',
        options,
      );
    case 1:
    case 50:
      return new DirectorySearchError(
        context.baseDn,
        `access refused${aside}`,
        bindDn ? `Check that ${bindDn} may read under baseDn` : 'The server refuses anonymous searches: set bindDn and the password variable',
        options,
      );
    case 3:
    case 4:
    case 11:
      return new DirectorySearchError(
        context.baseDn,
        `the server stopped the search at a limit${aside}`,
        `Check pageSize and the server limits ${bindDn ? `for ${bindDn}` : 'for anonymous reads'} (OpenLDAP olcSizeLimit and olcLimits, AD MaxPageSize and MaxResultSetSize)`,
        options,
      );
    case 12:
      return new DirectorySearchError(
        context.baseDn,
        'the server does not support paged results',
        'Use a server that supports RFC 2696 paged results',
        options,
      );
    case 87:
      return new DirectorySearchError(context.baseDn, `the search filter is invalid${aside}`, 'Check userFilter and groupFilter', options);
    default:
      return new DirectorySearchError(context.baseDn, `result ${code}${detail}`, 'Check baseDn, the filters and the rights of bindDn', options);
  }
}

// A plain LDAP server resets or drops a connection that opens with a TLS handshake: say so,
// since "connection reset" alone sends the administrator looking at the network.
function ldapsAside(code: string, context: LdapErrorContext): string {
  if (!context.url.startsWith('ldaps://') || (code !== 'ECONNRESET' && code !== 'EPIPE')) return '';
  return ' (if this port does not speak LDAPS, use its LDAPS port, usually 636, or ldap:// with startTls)';
}

function tlsHint(context: LdapErrorContext): string {
  return context.caFile
    ? `Check the caFile option (${context.caFile}): it must be the PEM of the CA that signed the server certificate, ${TLS_HINT_TAIL}`
    : `Set the caFile option to the PEM of the CA that signed the server certificate (the system CAs do not trust it), ${TLS_HINT_TAIL}`;
}

function phaseName(phase: LdapPhase): string {
  return { connect: 'connection', starttls: 'StartTLS upgrade', bind: 'bind', search: 'search' }[phase];
}

import { type ErrorKind, VigieError } from '#vigie/common';

/**
 * Errors of the directory context. Each one says what went wrong (`message`) and what to check
 * (`hint`), so that the CLI and the API can show them to an administrator as they are.
 * `code` is stable and meant for programs; messages are for people and may change.
 *
 * No error here ever carries a bind password: messages are built from the url, the bind DN and the
 * server's diagnostic, never from the source description as a whole.
 */
export abstract class DirectoryError extends VigieError {
  abstract readonly code: string;

  protected constructor(
    kind: ErrorKind,
    /** What happened, without the advice. */
    readonly summary: string,
    /** What the administrator should check. */
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(kind, hint ? `${summary}. ${hint}` : summary, options);
  }
}

/** The server could not be reached: refused, timed out, unknown host, connection dropped. */
export class DirectoryUnreachableError extends DirectoryError {
  readonly code = 'DIRECTORY_UNREACHABLE';

  constructor(
    readonly url: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('unavailable', `cannot reach ${url}: ${reason}`, 'Check the url and that the server is running and reachable', options);
  }
}

/** The bind was refused (wrong credentials, or the server demands a stronger authentication). */
export class DirectoryAuthError extends DirectoryError {
  readonly code = 'DIRECTORY_AUTH';

  constructor(
    readonly bindDn: string,
    reason: string,
    hint = 'Check bindDn and the password variable',
    options?: { cause?: unknown },
  ) {
    // The bind DN and its password are Vigie's configuration: the operator fixes them.
    super('configuration', `bind as ${bindDn || '(anonymous)'} was refused: ${reason}`, hint, options);
  }
}

/** The TLS handshake failed: untrusted certificate, hostname mismatch, TLS not offered. */
export class DirectoryTlsError extends DirectoryError {
  readonly code = 'DIRECTORY_TLS';

  constructor(
    readonly url: string,
    reason: string,
    hint = "Check the caFile option: it must name the PEM file of the CA that signed the server's certificate, and the url's host must appear in that certificate",
    options?: { cause?: unknown },
  ) {
    super('configuration', `TLS with ${url} failed: ${reason}`, hint, options);
  }
}

/**
 * The search itself failed after a successful bind (no such base DN, bad filter, limits, access): fixed in the settings
 * (baseDn, filters, pageSize) or the rights of bindDn, unless `kind` says otherwise (an entry that changed during the read).
 */
export class DirectorySearchError extends DirectoryError {
  readonly code = 'DIRECTORY_SEARCH';

  constructor(
    readonly baseDn: string,
    reason: string,
    hint: string,
    options?: { cause?: unknown; kind?: ErrorKind },
  ) {
    super(options?.kind ?? 'configuration', `search under ${baseDn || '(root)'} failed: ${reason}`, hint, options);
  }
}

/** The source description itself cannot work (bad url scheme, startTls with ldaps://, ...). */
export class InvalidDirectorySourceError extends DirectoryError {
  readonly code = 'DIRECTORY_SOURCE_INVALID';

  constructor(
    readonly sourceName: string,
    reason: string,
    hint: string,
  ) {
    super('configuration', `directory "${sourceName}" is not usable: ${reason}`, hint);
  }
}

/** An LDIF file is not valid RFC 2849 (or uses a feature this reader refuses). */
export class LdifSyntaxError extends DirectoryError {
  readonly code = 'LDIF_SYNTAX';

  constructor(
    readonly file: string,
    /** 1-based physical line number where the faulty (possibly folded) line starts. */
    readonly line: number,
    reason: string,
    /** What was expected at that place. */
    readonly expected: string,
  ) {
    super('invalid-input', `${file}:${line}: ${reason}`, `Expected ${expected}`);
  }
}

/** An LDIF file cannot be opened or read. */
export class LdifFileError extends DirectoryError {
  readonly code = 'LDIF_FILE';

  constructor(
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('invalid-input', `cannot read LDIF file ${file}: ${reason}`, 'Check the file path and that the file is readable', options);
  }
}

/** A string is not an RFC 4514 distinguished name. */
export class InvalidDnError extends DirectoryError {
  readonly code = 'INVALID_DN';

  constructor(
    readonly dn: string,
    reason: string,
  ) {
    super('invalid-input', `invalid DN "${dn}": ${reason}`, 'Expected an RFC 4514 DN such as cn=Jane Doe,ou=People,dc=example,dc=com');
  }
}

import type { ErrorKind } from '#vigie/common';
import { DirectoryError } from '../errors.js';

/** What a write was doing, to say so when the server refuses it. No person's DN, no password: these reach logs. */
export interface WriteContext {
  /** The directory's name in Vigie. */
  directory: string;
  /** What was asked, e.g. `adding a member to CN=GG-Finance,OU=Groups,DC=acme,DC=test`. */
  operation: string;
  /** What must exist for it, e.g. `the group CN=GG-Finance,...` (said when the server answers noSuchObject). */
  subject: string;
  /** The right the service account needs, e.g. `write member on that group`. */
  right: string;
  /** The service account. */
  bindDn: string;
  /** DNs of people (the member, the account) that the server's diagnostic may quote: replaced there by "the entry". */
  personal?: string[];
}

const DOCS = 'docs/provisioning.md, "Directory writes"';

/** The server refused a write (or the read that goes with it): the LDAP result code and what it means for a retry. */
export class DirectoryWriteError extends DirectoryError {
  readonly code = 'DIRECTORY_WRITE';

  constructor(
    kind: ErrorKind,
    /** The LDAP result code (RFC 4511 §4.1.9). */
    readonly resultCode: number,
    summary: string,
    hint: string,
    options?: { cause?: unknown },
  ) {
    super(kind, summary, hint, options);
  }
}

/**
 * The error for an LDAP result code a write got back, by what the job queue should do with it: retry later
 * ('unavailable'), stop and alert an administrator ('forbidden', 'configuration'), or report what is wrong with the
 * request ('not-found', 'conflict', 'invalid-input').
 */
export function writeError(code: number, diagnostic: string, context: WriteContext, options?: { cause?: unknown }): DirectoryWriteError {
  const aside = diagnostic ? ` (${redact(diagnostic, context.personal ?? [])})` : '';
  const failed = (kind: ErrorKind, reason: string, hint: string) =>
    new DirectoryWriteError(kind, code, `${context.operation} on the directory "${context.directory}" failed: ${reason}${aside}`, hint, options);
  switch (code) {
    case 50:
      return failed('forbidden', 'insufficient access rights', `Give the service account ${context.bindDn} the right to ${context.right} (see ${DOCS})`);
    case 32:
      return failed('not-found', `${context.subject} does not exist`, `Check the DN: it must name an existing entry of this directory`);
    case 68:
      return failed('conflict', 'an entry with that name exists already', 'Choose another name (common name or login), or use the existing entry');
    case 20:
      return failed('conflict', 'the value is there already', 'Nothing to write: the directory holds it already');
    case 19:
      return failed(
        'invalid-input',
        'the directory refused the value (a constraint or its password policy)',
        "Check the value against the directory's rules: password length, complexity and history, unique logins",
      );
    case 21:
    case 34:
    case 71:
      return failed(
        'invalid-input',
        code === 34 ? 'a DN is not valid' : code === 21 ? 'a value has an invalid syntax' : 'the entry cannot move across naming contexts',
        'Check the DNs and values given',
      );
    case 53:
    case 66:
    case 67:
      return failed(
        'conflict',
        code === 53 ? 'the server is unwilling to perform it' : "the entry's state forbids it",
        'Check the entry: on AD an account is enabled only once it has a password the domain policy accepts',
      );
    case 8:
    case 13:
      return failed('configuration', 'the server requires an encrypted connection', 'Use an ldaps:// url or set startTls on this directory');
    case 17:
    case 64:
    case 65:
    case 69:
      return failed(
        'configuration',
        "the directory's schema does not allow it",
        `Check the server's schema and overlays (OpenLDAP: inetorgperson, and the ppolicy overlay for account locks; see ${DOCS})`,
      );
    case 10:
      return failed(
        'configuration',
        'the server refers the entry to another server',
        'Point the url at a server that holds the entry (a writable domain controller or the OpenLDAP provider)',
      );
    case 1:
    case 3:
    case 11:
    case 51:
    case 52:
    case 80:
      return failed(
        'unavailable',
        code === 51 ? 'the server is busy' : code === 52 ? 'the server is unavailable' : `the server could not do it now (result ${code})`,
        'Try again later',
      );
    default:
      return failed('configuration', `result ${code}`, `Check the service account ${context.bindDn} and the entry (see ${DOCS})`);
  }
}

// AD quotes the entry it refused in its diagnostic ("Object CN=Jane Doe,OU=... has no wp on name"): a person's name
// has no place in a message that reaches logs, and the caller knows which entry it asked about.
function redact(diagnostic: string, dns: string[]): string {
  let text = diagnostic;
  for (const dn of dns.filter(Boolean)) text = text.replace(new RegExp(dn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), 'the entry');
  return text;
}

/**
 * Secrets must never reach the logs. Structured fields are censored by key through pino's redaction;
 * free text (error messages, URLs) is scrubbed here because a driver may echo a connection string or header.
 */
export const REDACTED = '[REDACTED]';

export const REDACT_PATHS = [
  'password',
  'bindPassword',
  'token',
  'secret',
  'authorization',
  '*.password',
  '*.bindPassword',
  '*.token',
  '*.secret',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'directory.bindPassword',
  'config.database.url',
];

const PATTERNS: Array<[RegExp, string]> = [
  // credentials inside URLs: scheme://user:password@host
  [/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]+:)[^@\s]+@/gi, `$1${REDACTED}@`],
  // bearer tokens and Vigie API tokens
  [/(bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  [/\bvig_[A-Za-z0-9_-]{16,}/g, REDACTED],
  // key=value or key: value pairs that name a secret; not a file name such as /etc/passwd:12 in an error message
  [/((?<![/\\.])(?:password|passwd|pwd|secret|token)\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi, `$1${REDACTED}`],
];

export function redactText(text: string): string {
  return PATTERNS.reduce((acc, [re, by]) => acc.replace(re, by), text);
}

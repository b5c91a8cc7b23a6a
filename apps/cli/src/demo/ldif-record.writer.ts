/** A value as written: text, or bytes (objectSid, objectGUID) that always go out as base64. */
export type LdifValue = string | Buffer;

/** One entry to write. Attributes keep their order; an undefined value leaves the line out. */
export interface LdifRecord {
  dn: string;
  attributes: Array<[name: string, value: LdifValue | readonly LdifValue[] | undefined]>;
}

// RFC 2849 SAFE-STRING: ASCII without NUL, LF or CR, not starting with space, colon or "<".
// eslint-disable-next-line no-control-regex -- RFC 2849's SAFE-STRING is defined by the control characters it allows
const SAFE_STRING = /^(?:[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*)?$/;
const MAX_LINE = 76;

/**
 * Writes records as RFC 2849 content records, like an `ldifde -f` export: text that is not a
 * SAFE-STRING (accents, typographic apostrophes) and binary values go out base64 after `::`. A line
 * over 76 characters is folded with its value moved whole to continuation lines (`member: ` then
 * ` CN=...`), which readers must join back: real exports do that to long DNs.
 */
export function formatLdifRecord(record: LdifRecord): string {
  const lines = [line('dn', record.dn)];
  for (const [name, value] of record.attributes) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value as LdifValue];
    for (const item of values) lines.push(line(name, item));
  }
  return `${lines.join('\n')}\n`;
}

/** Records separated by blank lines, with an optional leading comment. */
export function formatLdif(records: readonly LdifRecord[], comment?: string): string {
  const head = comment
    ? `${comment
        .split('\n')
        .map((text) => `# ${text}`.trimEnd())
        .join('\n')}\n\n`
    : '';
  return head + records.map(formatLdifRecord).join('\n');
}

function line(name: string, value: LdifValue): string {
  const text = typeof value === 'string' && isSafe(value) ? `${name}: ${value}` : `${name}:: ${toBase64(value)}`;
  if (text.length <= MAX_LINE) return text;
  const separator = text.indexOf(' ') + 1; // after "name: " or "name:: "
  const body = text.slice(separator);
  const chunks: string[] = [];
  for (let at = 0; at < body.length; at += MAX_LINE - 1) chunks.push(` ${body.slice(at, at + MAX_LINE - 1)}`);
  return [text.slice(0, separator), ...chunks].join('\n');
}

function isSafe(value: string): boolean {
  // A trailing space would be lost by readers that trim, so it goes out as base64 too.
  return SAFE_STRING.test(value) && !value.endsWith(' ');
}

function toBase64(value: LdifValue): string {
  return (typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64');
}

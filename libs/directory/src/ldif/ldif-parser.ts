import { isBinaryAttribute } from '../binary-attributes.js';
import type { AttributeValue, DirectoryEntry } from '../directory-entry.js';
import { normalizeDn } from '../dn.js';
import { InvalidDnError, LdifSyntaxError } from '../errors.js';

/**
 * RFC 2849 LDIF, fed one physical line at a time so that a file of any size streams through.
 *
 * Reads content records and `changetype: add` records as entries; refuses other change types and
 * `attr:< url` values (an export has no business pointing at other files). Folded lines are
 * joined before parsing; comments are dropped; `version: 1` is accepted between entries.
 */
export class LdifParser {
  private lineNumber = 0;
  /** The logical line being assembled from a line and its continuations. */
  private pending: { text: string; line: number; comment: boolean } | null = null;
  private record: OpenRecord | null = null;
  /** Normalized DN → line of its record, to refuse a second entry with the same DN. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly file = '<ldif>') {}

  /** Feeds the next physical line (without its line ending); returns the entry it completes, if any. */
  push(rawLine: string): DirectoryEntry | undefined {
    this.lineNumber++;
    const line = this.lineNumber === 1 && rawLine.startsWith('\uFEFF') ? rawLine.slice(1) : rawLine;

    if (line.startsWith(' ')) {
      if (this.pending) {
        this.pending.text += line.slice(1);
        return undefined;
      }
      // Lenience for hand-edited files: a line of spaces where nothing can continue is a blank line.
      if (line.trim() === '') return this.endRecord();
      throw this.error(
        this.lineNumber,
        'a line starting with a space continues the previous line, but there is none here',
        'a line of the form "attribute: value" (continuation lines follow a line of the same entry)',
      );
    }
    this.flushPending();
    if (line === '') return this.endRecord();
    this.pending = { text: line, line: this.lineNumber, comment: line.startsWith('#') };
    return undefined;
  }

  /** Signals the end of input; returns the last entry, if the file does not end with a blank line. */
  end(): DirectoryEntry | undefined {
    this.flushPending();
    return this.endRecord();
  }

  private flushPending(): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending || pending.comment) return;
    this.parseLine(pending.text, pending.line);
  }

  private endRecord(): DirectoryEntry | undefined {
    const record = this.record;
    if (!record) return undefined;
    this.record = null;
    if (Object.keys(record.attributes).length === 0) {
      throw this.error(record.line, `entry "${record.dn}" has no attributes`, 'at least one "attribute: value" line after dn:');
    }
    return { dn: record.dn, attributes: record.attributes };
  }

  private parseLine(text: string, line: number): void {
    const colon = text.indexOf(':');
    if (colon < 0) {
      throw this.error(line, `no colon in "${excerpt(text)}"`, '"attribute: value", "attribute:: base64" or a blank line between entries');
    }
    const name = text.slice(0, colon);
    const lower = name.toLowerCase();
    const rest = text.slice(colon + 1);

    if (!this.record) {
      if (lower === 'version') {
        // RFC 2849 has it once, first; `ldapsearch -L -E pr=...` repeats it before each page,
        // so it is accepted between entries too.
        if (rest.trim() !== '1') throw this.error(line, `unsupported LDIF version "${rest.trim()}"`, 'version: 1');
        return;
      }
      if (lower !== 'dn') {
        throw this.error(line, `"${excerpt(name)}:" where an entry starts`, '"dn:" as the first line of each entry');
      }
      this.startRecord(this.decodeDn(rest, line), line);
      return;
    }

    const record = this.record;
    if (lower === 'dn') {
      throw this.error(line, `a second dn: in the entry "${record.dn}" started on line ${record.line}`, 'a blank line between two entries');
    }
    if (lower === 'changetype') {
      const type = this.decodeText(rest, line).trim().toLowerCase();
      if (record.changetypeSeen || Object.keys(record.attributes).length > 0) {
        throw this.error(line, 'changetype: after attributes', 'changetype: right after dn:');
      }
      if (type !== 'add') {
        throw this.error(line, `changetype: ${type} is a change, not an entry`, 'entries, or changetype: add records');
      }
      record.changetypeSeen = true;
      return;
    }
    if (lower === 'control' && Object.keys(record.attributes).length === 0) {
      throw this.error(line, 'control: lines are not supported', 'entries without LDAP controls');
    }
    if (!ATTRIBUTE_DESCRIPTION.test(name)) {
      throw this.error(line, `"${excerpt(name)}" is not an attribute name`, 'an attribute name (letters, digits, hyphens, ;options) before the colon');
    }
    const value = this.decodeValue(lower, rest, line);
    (record.attributes[lower] ??= []).push(value);
  }

  private startRecord(dn: string, line: number): void {
    let key: string;
    try {
      key = normalizeDn(dn);
    } catch (error) {
      const reason = error instanceof InvalidDnError ? error.summary : String(error);
      throw this.error(line, reason, 'an RFC 4514 DN after dn:');
    }
    const first = this.seen.get(key);
    if (first !== undefined) {
      throw this.error(line, `duplicate entry "${dn}", already read on line ${first}`, 'each DN once in a file');
    }
    this.seen.set(key, line);
    this.record = { dn, line, attributes: {}, changetypeSeen: false };
  }

  private decodeDn(rest: string, line: number): string {
    if (rest.startsWith(':')) {
      const bytes = this.decodeBase64(rest.slice(1), line);
      try {
        return utf8.decode(bytes);
      } catch {
        throw this.error(line, 'the base64 DN is not UTF-8 text', 'dn:: followed by the base64 of a UTF-8 DN');
      }
    }
    if (rest.startsWith('<')) throw this.error(line, 'a DN cannot be a URL', 'dn: followed by a DN');
    return trimFill(rest);
  }

  private decodeText(rest: string, line: number): string {
    const value = this.decodeValue('', rest, line);
    return typeof value === 'string' ? value : value.toString('utf8');
  }

  private decodeValue(attribute: string, rest: string, line: number): AttributeValue {
    const binary = attribute !== '' && isBinaryAttribute(attribute);
    if (rest.startsWith(':')) {
      const bytes = this.decodeBase64(rest.slice(1), line);
      if (binary) return bytes;
      try {
        return utf8.decode(bytes);
      } catch {
        // Not text after all (an attribute missing from the binary list): keep the bytes.
        return bytes;
      }
    }
    if (rest.startsWith('<')) {
      throw this.error(line, 'URL values ("attribute:< url") are not supported', 'the value inline, as "attribute: value" or "attribute:: base64"');
    }
    const value = trimFill(rest);
    return binary ? Buffer.from(value, 'utf8') : value;
  }

  private decodeBase64(text: string, line: number): Buffer {
    const b64 = text.trim();
    if (b64.length % 4 !== 0 || !BASE64.test(b64)) {
      throw this.error(line, `invalid base64 "${excerpt(b64)}"`, 'base64 text (A-Z a-z 0-9 + /, padded with = to a multiple of 4 characters) after "::"');
    }
    return Buffer.from(b64, 'base64');
  }

  private error(line: number, reason: string, expected: string): LdifSyntaxError {
    return new LdifSyntaxError(this.file, line, reason, expected);
  }
}

interface OpenRecord {
  dn: string;
  line: number;
  attributes: Record<string, AttributeValue[]>;
  changetypeSeen: boolean;
}

// RFC 2849 AttributeDescription: a name or numeric OID, then ;options. `=` is let through in
// options for AD's `member;range=0-1499` in exports made from ranged reads.
const ATTRIBUTE_DESCRIPTION = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)(?:;[A-Za-z0-9=*-]+)*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Leading spaces after the colon are separators (FILL), not part of the value. */
function trimFill(text: string): string {
  let i = 0;
  while (text[i] === ' ') i++;
  return text.slice(i);
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Parses a whole LDIF text at once (tests, small inputs). Any line ending; a BOM is skipped. */
export function parseLdif(text: string, file = '<ldif>'): DirectoryEntry[] {
  const parser = new LdifParser(file);
  const entries: DirectoryEntry[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  // A final line ending does not open one more (empty) line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const entry = parser.push(line);
    if (entry) entries.push(entry);
  }
  const last = parser.end();
  if (last) entries.push(last);
  return entries;
}

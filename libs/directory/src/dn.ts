import { InvalidDnError } from './errors.js';

/**
 * Distinguished names (RFC 4514), as AD and OpenLDAP write them, read leniently where real
 * exports are lenient (spaces around separators, `;` as separator, quoted values from RFC 2253)
 * and strictly elsewhere.
 */

/** One `type=value` pair; the value is unescaped (`\,` → `,`, `\C3\A9` → `é`). */
export interface AttributeTypeAndValue {
  type: string;
  value: string;
}

/** A relative DN: one pair, or several joined with `+` (multi-valued RDN). */
export type Rdn = AttributeTypeAndValue[];

const TYPE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;
const HEX = /^[0-9A-Fa-f]{2}$/;
// Characters a backslash may escape as themselves (RFC 4514 §3 `escaped`, plus `=` which
// RFC 4514 lets writers escape and some do).
const ESCAPABLE = new Set([' ', '"', '#', '+', ',', ';', '<', '=', '>', '\\']);
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

interface Scan {
  rdns: Rdn[];
  /** Offset in the input where each RDN starts, to give parents back in their original spelling. */
  starts: number[];
}

function scan(dn: string): Scan {
  const rdns: Rdn[] = [];
  const starts: number[] = [];
  const fail = (reason: string): never => {
    throw new InvalidDnError(dn, reason);
  };
  const isSpace = (at: number) => dn[at] === ' ';
  let i = 0;
  while (isSpace(i)) i++;
  if (i === dn.length) return { rdns, starts }; // the empty DN (root DSE)

  for (;;) {
    starts.push(i);
    const rdn: Rdn = [];
    for (;;) {
      while (isSpace(i)) i++;
      const eq = dn.indexOf('=', i);
      if (eq < 0) fail(`missing "=" after "${dn.slice(i)}"`);
      const type = dn.slice(i, eq).trim();
      if (!TYPE.test(type)) fail(`"${type}" is not an attribute type`);
      i = eq + 1;
      while (isSpace(i)) i++;
      const [value, next] = readValue(dn, i, fail);
      rdn.push({ type, value });
      i = next;
      while (isSpace(i)) i++;
      if (dn[i] === '+') {
        i++;
        continue;
      }
      break;
    }
    rdns.push(rdn);
    if (i >= dn.length) return { rdns, starts };
    if (dn[i] !== ',' && dn[i] !== ';') fail(`unexpected "${dn[i]}" at position ${i + 1}`);
    i++;
    while (isSpace(i)) i++;
    if (i >= dn.length) fail('ends with a separator');
  }
}

/** Reads one attribute value from `start`; returns it unescaped and the offset after it. */
function readValue(dn: string, start: number, fail: (reason: string) => never): [string, number] {
  let i = start;
  if (dn[i] === '#') {
    // BER-encoded value (RFC 4514 §2.4 hexstring): kept as written, compared as lower-case hex.
    let j = i + 1;
    while (j < dn.length && /[0-9A-Fa-f]/.test(dn[j]!)) j++;
    const hex = dn.slice(i + 1, j);
    if (hex.length === 0 || hex.length % 2 !== 0) fail(`"#${hex}" is not an even run of hex digits`);
    return [`#${hex}`, j];
  }
  const quoted = dn[i] === '"';
  if (quoted) i++;
  let value = '';
  // Length of `value` up to its last significant character: unescaped trailing spaces are not
  // part of the value, escaped ones are.
  let significant = 0;
  let bytes: number[] = [];
  const flushBytes = () => {
    if (bytes.length === 0) return;
    try {
      value += utf8.decode(Uint8Array.from(bytes));
    } catch {
      fail('hex escapes are not valid UTF-8');
    }
    bytes = [];
    significant = value.length;
  };
  while (i < dn.length) {
    const c = dn[i]!;
    if (c === '\\') {
      const pair = dn.slice(i + 1, i + 3);
      if (HEX.test(pair)) {
        bytes.push(Number.parseInt(pair, 16));
        i += 3;
        continue;
      }
      flushBytes();
      const escaped = dn[i + 1];
      if (escaped === undefined) fail('ends with a lone backslash');
      if (!ESCAPABLE.has(escaped!)) fail(`"\\${escaped}" is not a valid escape`);
      value += escaped;
      significant = value.length;
      i += 2;
      continue;
    }
    flushBytes();
    if (quoted) {
      if (c === '"') return [value, i + 1];
    } else {
      if (c === ',' || c === ';' || c === '+') break;
      if (c === '"' || c === '<' || c === '>' || c === '\0') fail(`"${c}" must be escaped in a value`);
    }
    value += c;
    if (c !== ' ' || quoted) significant = value.length;
    i++;
  }
  flushBytes();
  if (quoted) fail('unterminated quoted value');
  return [value.slice(0, significant), i];
}

/** Parses a DN into its RDNs, most specific first. `''` gives `[]`. Throws InvalidDnError. */
export function parseDn(dn: string): Rdn[] {
  return scan(dn).rdns;
}

/**
 * Escapes a value for a DN string (RFC 4514 §2.4). Non-ASCII stays as is (UTF-8 text, not hex),
 * so that accented names stay readable. A value of the `#hex` form is taken as a BER hexstring
 * and written as is, which is also how parseDn gives such values back.
 */
export function escapeDnValue(value: string): string {
  if (/^#(?:[0-9a-f]{2})+$/i.test(value)) return value;
  const trailingSpace = value.endsWith(' ');
  const body = trailingSpace ? value.slice(0, -1) : value;
  let out = body.replace(/["+,;<>\\]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  return trailingSpace ? `${out}\\ ` : out;
}

/** Writes RDNs back as a DN string. */
export function formatDn(rdns: Rdn[]): string {
  return rdns.map((rdn) => rdn.map(({ type, value }) => `${type}=${escapeDnValue(value)}`).join('+')).join(',');
}

// type=value pairs joined by commas; a value of ASCII letters, digits and . _ - @ with single
// spaces inside: nothing to unescape, fold beyond case, collapse or sort.
const PLAIN_VALUE = '[A-Za-z0-9._@-]+(?: [A-Za-z0-9._@-]+)*';
const PLAIN_DN = new RegExp(`^[A-Za-z][A-Za-z0-9-]*=${PLAIN_VALUE}(?:,[A-Za-z][A-Za-z0-9-]*=${PLAIN_VALUE})*$`);

/**
 * Canonical form for comparing and indexing DNs: types lower-cased, values compacted and
 * case-folded the way caseIgnoreMatch compares them (NFKC, lower-case, inner spaces collapsed),
 * multi-valued RDNs sorted, minimal escaping, no spaces around separators.
 * `CN=Doe\, Jane ,OU=Ventes` and `cn=doe\2C jane,ou=ventes` give the same string.
 */
export function normalizeDn(dn: string): string {
  // Most DNs are plain (letters, digits, single inner spaces, no escapes): their canonical form is
  // their lower-case spelling, which a sync of 100k entries and 500k member values computes often.
  if (PLAIN_DN.test(dn)) return dn.toLowerCase();
  return formatDn(
    parseDn(dn).map((rdn) =>
      rdn
        .map(({ type, value }) => ({ type: type.toLowerCase(), value: foldValue(value) }))
        .sort((a, b) => compare(a.type, b.type) || compare(a.value, b.value)),
    ),
  );
}

function foldValue(value: string): string {
  if (value.startsWith('#')) return value.toLowerCase();
  return value.normalize('NFKC').toLowerCase().replace(/ {2,}/g, ' ').trim();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether two DNs name the same entry. Throws InvalidDnError if either is malformed. */
export function dnEquals(a: string, b: string): boolean {
  return a === b || normalizeDn(a) === normalizeDn(b);
}

/** The unescaped value of the first RDN's first pair: the CN of `cn=Doe\, Jane,ou=x` is `Doe, Jane`. */
export function rdnValue(dn: string): string {
  const [first] = parseDn(dn);
  if (!first) throw new InvalidDnError(dn, 'the empty DN has no RDN');
  return first[0]!.value;
}

/** The DN of the parent entry, in its original spelling; `''` for a top entry, null for `''`. */
export function parentDn(dn: string): string | null {
  const { rdns, starts } = scan(dn);
  if (rdns.length === 0) return null;
  return rdns.length === 1 ? '' : dn.slice(starts[1]).trimEnd();
}

/** Whether `dn` is `base` itself or lies below it (e.g. an entry under the search base). */
export function isDnWithin(dn: string, base: string): boolean {
  const inner = parseDn(normalizeDn(dn));
  const outer = parseDn(normalizeDn(base));
  if (outer.length > inner.length) return false;
  return formatDn(inner.slice(inner.length - outer.length)) === formatDn(outer);
}

import type { Entry } from 'ldapts';
import { isBinaryAttribute } from '../binary-attributes.js';
import type { AttributeValue, DirectoryEntry } from '../directory-entry.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * An ldapts search entry as a DirectoryEntry: names lower-cased, every attribute an array,
 * attributes without values dropped (ldapts adds an empty one for each requested attribute the
 * entry lacks, `*` included), binary attributes always Buffers, other attributes text when the
 * bytes are UTF-8 (ldapts turns a whole attribute into Buffers if one value is not).
 */
export function toDirectoryEntry(raw: Entry): DirectoryEntry {
  const attributes: Record<string, AttributeValue[]> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (name === 'dn') continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) continue;
    const { key, binary } = describe(name);
    const target = (attributes[key] ??= []);
    for (const item of values) target.push(binary ? asBuffer(item) : asText(item));
  }
  return { dn: raw.dn, attributes };
}

// Every entry of a read repeats the same few dozen names: lower-casing and classifying each once
// is a measurable part of the client's time on a large read. Bounded against a server that
// invents names.
const names = new Map<string, { key: string; binary: boolean }>();
const MAX_NAMES = 10_000;

function describe(name: string): { key: string; binary: boolean } {
  let known = names.get(name);
  if (!known) {
    const key = name.toLowerCase();
    known = { key, binary: isBinaryAttribute(key) };
    if (names.size >= MAX_NAMES) names.clear();
    names.set(name, known);
  }
  return known;
}

function asBuffer(value: string | Buffer): Buffer {
  // Reached only when the server spells a binary attribute in a case ldapts did not match; the
  // bytes were valid UTF-8 (ldapts would have kept a Buffer otherwise), so this gives them back
  // (all but a leading UTF-8 BOM, which the decoder of ldapts drops).
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function asText(value: string | Buffer): AttributeValue {
  if (typeof value === 'string') return value;
  try {
    return utf8.decode(value);
  } catch {
    return value;
  }
}

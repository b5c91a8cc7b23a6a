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
    const key = name.toLowerCase();
    const binary = isBinaryAttribute(key);
    const target = (attributes[key] ??= []);
    for (const item of values) target.push(binary ? asBuffer(item) : asText(item));
  }
  return { dn: raw.dn, attributes };
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

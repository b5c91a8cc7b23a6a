import type { AttributeValue, DirectoryEntry } from '../directory-entry.js';
import { DirectorySearchError } from '../errors.js';

/**
 * AD range retrieval (MS-ADTS 3.1.1.3.1.3.3): a Windows DC answers a request for a large
 * multi-valued attribute (`member` of a group over 1500 members) with `member;range=0-1499`,
 * and the client asks for `member;range=1500-*`, and so on, until a range ends with `*`.
 * Samba 4.17 never does this; these pure functions are what the LDAP reader applies.
 */

/** A ranged attribute description taken apart. Names are lower-cased. */
export interface AttributeRange {
  /** The description without its range option: `member`. */
  attribute: string;
  low: number;
  /** The last index returned, or '*' when this range is the last one. */
  high: number | '*';
}

/** What to ask the server for next to complete a ranged attribute. */
export interface RangeRequest {
  attribute: string;
  /** The index the next range must start at. */
  low: number;
  /** The attribute description to request: `member;range=1500-*`. */
  description: string;
}

const RANGE_OPTION = /^range=(\d+)-(\d+|\*)$/i;

/** `member;range=0-1499` → { attribute: 'member', low: 0, high: 1499 }; null when not ranged. */
export function parseAttributeRange(description: string): AttributeRange | null {
  const [name, ...options] = description.toLowerCase().split(';');
  let range: RegExpExecArray | null = null;
  const kept: string[] = [];
  for (const option of options) {
    const match = RANGE_OPTION.exec(option);
    if (match) range = match;
    else kept.push(option);
  }
  if (!range) return null;
  const low = Number(range[1]);
  const high = range[2] === '*' ? '*' : Number(range[2]);
  return { attribute: [name, ...kept].join(';'), low, high };
}

function nextRequest(range: AttributeRange): RangeRequest | null {
  if (range.high === '*') return null;
  const low = range.high + 1;
  return { attribute: range.attribute, low, description: `${range.attribute};range=${low}-*` };
}

/**
 * Folds every ranged attribute of an entry as first read into its plain name, and says which
 * ranges remain to fetch. Returns a new record; the input is not changed.
 */
export function mergeRanges(attributes: Record<string, AttributeValue[]>): {
  attributes: Record<string, AttributeValue[]>;
  pending: RangeRequest[];
} {
  const merged: Record<string, AttributeValue[]> = {};
  const pending: RangeRequest[] = [];
  const ranged: [AttributeRange, AttributeValue[]][] = [];
  for (const [name, values] of Object.entries(attributes)) {
    const range = parseAttributeRange(name);
    if (range) ranged.push([range, values]);
    else merged[name] = [...values];
  }
  for (const [range, values] of ranged) {
    appendAll((merged[range.attribute] ??= []), values);
    const next = nextRequest(range);
    if (next) pending.push(next);
  }
  return { attributes: merged, pending };
}

/**
 * Appends to `attributes` the values of one more range, read from `chunk` (the attributes of the
 * base search that asked for `request.description`), and returns the request for the range after
 * it, or null when complete. Throws when the server answers a range other than the one asked,
 * which would otherwise loop or lose values.
 */
export function mergeRangeChunk(
  attributes: Record<string, AttributeValue[]>,
  request: RangeRequest,
  chunk: Record<string, AttributeValue[]>,
): RangeRequest | null {
  for (const [name, values] of Object.entries(chunk)) {
    const range = parseAttributeRange(name);
    if (!range || range.attribute !== request.attribute) continue;
    if (range.low !== request.low || (range.high !== '*' && range.high < range.low)) {
      throw new Error(`asked for ${request.description}, the server answered ${name}`);
    }
    appendAll((attributes[request.attribute] ??= []), values);
    return nextRequest(range);
  }
  // No ranged values at all: the attribute shrank below the asked index between two reads.
  return null;
}

/**
 * Whether any attribute of the record is ranged. A quick test for every entry of a read: hardly any has
 * one, and mergeRanges copies the whole record.
 */
export function hasRangedAttributes(attributes: Record<string, AttributeValue[]>): boolean {
  for (const name in attributes) if (name.includes(';range=')) return true;
  return false;
}

/**
 * Completes every ranged attribute of an entry: `fetch` reads one attribute description of the
 * entry (a base search) and returns the attributes the server answered, names lower-cased.
 */
export async function completeRangedAttributes(
  entry: DirectoryEntry,
  fetch: (dn: string, description: string) => Promise<Record<string, AttributeValue[]>>,
): Promise<DirectoryEntry> {
  if (!hasRangedAttributes(entry.attributes)) return entry;
  const { attributes, pending } = mergeRanges(entry.attributes);
  if (pending.length === 0) return entry;
  for (const first of pending) {
    let request: RangeRequest | null = first;
    while (request) {
      const chunk = await fetch(entry.dn, request.description);
      try {
        request = mergeRangeChunk(attributes, request, chunk);
      } catch (error) {
        throw new DirectorySearchError(entry.dn, (error as Error).message, 'The entry may have changed during the read: run the sync again', {
          cause: error,
          kind: 'conflict',
        });
      }
    }
  }
  return { dn: entry.dn, attributes };
}

// push(...values) would overflow the call stack on groups with 100k+ members.
function appendAll(target: AttributeValue[], values: AttributeValue[]): void {
  for (const value of values) target.push(value);
}

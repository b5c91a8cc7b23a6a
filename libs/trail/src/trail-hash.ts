import { createHash, createHmac, hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ChainHead, ChainedEntry, PersonalPart, SealedEntry } from './trail-entry.model.js';

/**
 * The exact text an entry's hash covers: canonical JSON of
 * { v: 1, chain, seq, at, actor: { type, id }, action, target: { type, id } | null, details, correlationId, subjects, personalDigest },
 * written out in key order by hand because verification runs it a million times (a spec checks it against
 * canonicalJson). The field list is fixed so that a new column never changes old hashes.
 */
export function canonicalEntry(e: ChainedEntry): string {
  const target = e.targetType === null ? 'null' : `{"id":${nullable(e.targetId)},"type":${JSON.stringify(e.targetType)}}`;
  return (
    `{"action":${JSON.stringify(e.action)},"actor":{"id":${JSON.stringify(e.actorId)},"type":${JSON.stringify(e.actorType)}},"at":${JSON.stringify(e.at)},` +
    `"chain":${JSON.stringify(e.chain)},"correlationId":${nullable(e.correlationId)},"details":${e.details === null ? 'null' : canonicalJson(e.details)},` +
    `"personalDigest":${nullable(e.personalDigest)},"seq":${canonicalJson(e.seq)},"subjects":${canonicalJson(e.subjects)},"target":${target},"v":1}`
  );
}

function nullable(s: string | null): string {
  return s === null ? 'null' : JSON.stringify(s);
}

/**
 * The canonical text of an entry without its position, as the text before and after it: the database numbers and
 * links entries under the chain's lock (vigie_trail_append) by hashing prevHash, "\n", pre, seq, post.
 */
export function canonicalEntryParts(chain: ChainedEntry['chain'], e: Omit<ChainedEntry, 'seq' | 'chain'>): { pre: string; post: string } {
  const text = canonicalEntry({ ...e, chain, seq: 0 });
  // "seq" is followed at the top level only by "subjects" (strings), "target" (strings) and "v": its last
  // occurrence is the top-level one, whatever keys the details hold.
  const marker = ',"seq":0,"subjects":';
  const at = text.lastIndexOf(marker);
  return { pre: text.slice(0, at + ',"seq":'.length), post: text.slice(at + ',"seq":0'.length) };
}

/** entryHash of an entry whose canonical text is `pre`, its seq, `post` (canonicalEntryParts): no second canonical text. */
export function partsHash(prevHash: string, pre: string, seq: number, post: string): string {
  // One call, no Hash object: a sync checks a thousand of these right after its commit.
  return hash('sha256', `${prevHash}\n${pre}${seq}${post}`, 'hex');
}

/** hash = SHA-256(previous hash, newline, canonical entry): changing, removing or moving an entry breaks every later link. */
export function entryHash(prevHash: string, e: ChainedEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(e)).digest('hex');
}

/** Numbers the drafts after the head and links them: called under the chain's lock, so no other writer interleaves. */
export function sealEntries(head: ChainHead, drafts: Array<Omit<ChainedEntry, 'seq' | 'chain'>>): SealedEntry[] {
  let prevHash = head.hash;
  let seq = head.seq;
  return drafts.map((d) => {
    const entry: ChainedEntry = { ...d, chain: head.chain, seq: ++seq };
    const hash = entryHash(prevHash, entry);
    const sealed = { ...entry, prevHash, hash };
    prevHash = hash;
    return sealed;
  });
}

/**
 * Digest of the personal part, keyed by a random salt kept beside it. Once erasure drops the salt and the data,
 * the digest in the chain says nothing about the person, not even to someone who guesses their login.
 */
export function personalDigest(salt: string, part: PersonalPart): string {
  return createHmac('sha256', Buffer.from(salt, 'hex')).update(canonicalJson(part)).digest('hex');
}

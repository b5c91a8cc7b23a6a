import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ChainHead, ChainedEntry, PersonalPart, SealedEntry } from './trail-entry.model.js';

/** The exact text an entry's hash covers; the field list is fixed so that a new column never changes old hashes. */
export function canonicalEntry(e: ChainedEntry): string {
  return canonicalJson({
    v: 1,
    chain: e.chain,
    seq: e.seq,
    at: e.at,
    actor: { type: e.actorType, id: e.actorId },
    action: e.action,
    target: e.targetType === null ? null : { type: e.targetType, id: e.targetId },
    details: e.details,
    correlationId: e.correlationId,
    subjects: e.subjects,
    personalDigest: e.personalDigest,
  });
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

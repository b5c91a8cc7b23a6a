import { createPublicKey, randomUUID, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { TrailKind } from './trail-entry.model.js';
import { type TrailKeys, rawPublicKey } from './trail-keys.js';

/** after-write: at the end of a use case that wrote entries; rotation: the last checkpoint of a key being retired. */
export type CheckpointReason = 'interval' | 'manual' | 'prune' | 'export' | 'after-write' | 'rotation';

/** A signed statement "entry seq of this chain has this hash": kept in the database and, best, outside it too. */
export interface Checkpoint {
  id: string;
  chain: TrailKind;
  seq: number;
  hash: string;
  createdAt: string;
  reason: CheckpointReason;
  keyId: string;
  /** base64 of the raw 32-byte Ed25519 public key, so the checkpoint can be checked anywhere. */
  publicKey: string;
  /** base64 Ed25519 signature of signedText(). */
  signature: string;
}

/** The exact bytes signed: canonical JSON of what the checkpoint states. */
export function checkpointSignedText(c: Omit<Checkpoint, 'id' | 'signature' | 'publicKey'>): string {
  return canonicalJson({
    v: 1,
    type: 'vigie-trail-checkpoint',
    chain: c.chain,
    seq: c.seq,
    hash: c.hash,
    createdAt: c.createdAt,
    reason: c.reason,
    keyId: c.keyId,
  });
}

export function signCheckpoint(keys: TrailKeys, head: { chain: TrailKind; seq: number; hash: string }, reason: CheckpointReason, now = new Date()): Checkpoint {
  const body = { chain: head.chain, seq: head.seq, hash: head.hash, createdAt: now.toISOString(), reason, keyId: keys.keyId };
  const signature = sign(null, Buffer.from(checkpointSignedText(body)), keys.signingKey).toString('base64');
  return { id: randomUUID(), ...body, publicKey: rawPublicKey(keys.publicKey).toString('base64'), signature };
}

/** Whether the signature holds under the given key (by default the one the checkpoint carries). */
export function checkpointSignatureValid(c: Checkpoint, publicKeyRaw = c.publicKey): boolean {
  return ed25519Valid(checkpointSignedText(c), publicKeyRaw, c.signature);
}

/** Whether `signature` (base64) is an Ed25519 signature of `text` under the raw public key (base64). */
export function ed25519Valid(text: string, publicKeyRaw: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyRaw, 'base64')]), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(text), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function describeCheckpoint(c: Checkpoint): string {
  return `checkpoint ${c.id} (${c.reason}, ${c.createdAt})`;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

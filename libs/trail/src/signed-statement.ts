import { createHash, type KeyObject, createPublicKey, sign } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { ed25519Valid } from './checkpoint.js';
import { rawPublicKey } from './trail-keys.js';

/** A statement signed by a trail key, kept in a trail entry: a key rotation or an erasure record. */
export interface Signature {
  keyId: string;
  /** base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  /** base64 Ed25519 signature of the canonical JSON of the statement. */
  signature: string;
}

export function signStatement(signingKey: KeyObject, statement: Record<string, unknown>): Signature {
  const publicKey = rawPublicKey(createPublicKey(signingKey)).toString('base64');
  return { keyId: keyIdOf(publicKey), publicKey, signature: sign(null, Buffer.from(canonicalJson(statement)), signingKey).toString('base64') };
}

export function statementValid(statement: Record<string, unknown>, s: Signature | undefined): boolean {
  return !!s && typeof s.publicKey === 'string' && typeof s.signature === 'string' && ed25519Valid(canonicalJson(statement), s.publicKey, s.signature);
}

/** First 16 hex digits of SHA-256 of the raw public key, as TrailKeys.keyId. */
export function keyIdOf(publicKeyRaw: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyRaw, 'base64')).digest('hex').slice(0, 16);
}

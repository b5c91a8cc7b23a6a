import { type KeyObject, createPublicKey } from 'node:crypto';
import { type Signature, keyIdOf, signStatement, statementValid } from './signed-statement.js';
import type { StoredEntry, TrailRecordInput } from './trail-entry.model.js';
import type { TrailKeys } from './trail-keys.js';
import { rawPublicKey } from './trail-keys.js';

export const KEY_ROTATION_ACTION = 'trail.key-rotated';

export interface KeyRef {
  keyId: string;
  /** base64 of the raw Ed25519 public key. */
  publicKey: string;
}

/** What a key rotation states: from this key to that one, at this time. */
export interface KeyRotationStatement extends Record<string, unknown> {
  v: 1;
  type: 'vigie-trail-key-rotation';
  from: KeyRef;
  to: KeyRef;
  at: string;
}

/**
 * The trail entry of a key rotation, signed by the retiring key (it hands over its trust) and by the new one (whoever
 * rotates holds it). `vigie audit-log verify` then trusts the new key as far as it trusts the old one.
 */
export function keyRotationInput(current: TrailKeys, next: KeyObject, now = new Date()): TrailRecordInput {
  const to = rawPublicKey(createPublicKey(next)).toString('base64');
  const statement: KeyRotationStatement = {
    v: 1,
    type: 'vigie-trail-key-rotation',
    from: { keyId: current.keyId, publicKey: rawPublicKey(current.publicKey).toString('base64') },
    to: { keyId: keyIdOf(to), publicKey: to },
    at: now.toISOString(),
  };
  return {
    action: KEY_ROTATION_ACTION,
    kind: 'change',
    target: { type: 'trail-key', id: statement.to.keyId },
    after: { ...statement, signedByFrom: signStatement(current.signingKey, statement), signedByTo: signStatement(next, statement) },
    at: now,
  };
}

export interface KeyRotation extends KeyRotationStatement {
  seq: number;
  /** Both signatures hold, each by the key it names. */
  valid: boolean;
}

export function readKeyRotation(entry: StoredEntry): KeyRotation {
  const a = (entry.details?.after ?? {}) as Record<string, unknown> & { signedByFrom?: Signature; signedByTo?: Signature };
  const statement = { v: a.v, type: a.type, from: a.from, to: a.to, at: a.at } as KeyRotationStatement;
  const valid =
    statement.type === 'vigie-trail-key-rotation' &&
    statementValid(statement, a.signedByFrom) &&
    statementValid(statement, a.signedByTo) &&
    a.signedByFrom?.publicKey === statement.from?.publicKey &&
    a.signedByTo?.publicKey === statement.to?.publicKey;
  return { ...statement, seq: entry.seq, valid };
}

import { createPublicKey } from 'node:crypto';
import { rawPublicKey } from './trail-keys.js';
import { TrailKeyError } from './trail.errors.js';

/**
 * A public key given in the configuration (trail.pinnedPublicKeys): the base64 of the raw 32-byte Ed25519 key that
 * checkpoints carry and `vigie audit-log keygen` prints, or a PEM "PUBLIC KEY". Returns the raw key in base64.
 */
export function parsePinnedKey(text: string, where = 'trail.pinnedPublicKeys'): string {
  const value = text.trim();
  if (!value.startsWith('-----BEGIN')) {
    const raw = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
    if (raw.length === 32) return raw.toString('base64');
  } else {
    try {
      const key = createPublicKey(value);
      if (key.asymmetricKeyType === 'ed25519') return rawPublicKey(key).toString('base64');
    } catch {
      // reported below
    }
  }
  throw new TrailKeyError(
    `${where}: ${JSON.stringify(value.slice(0, 20))}… is not an Ed25519 public key: give the base64 of its 32 raw bytes (the "publicKey" of a checkpoint, printed by \`vigie audit-log keygen\`) or its PEM`,
  );
}

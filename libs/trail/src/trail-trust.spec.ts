import { generateKeyPairSync } from 'node:crypto';
import { rawPublicKey } from './trail-keys.js';
import { parsePinnedKey } from './trail-trust.js';

describe(parsePinnedKey.name, () => {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey).toString('base64');

  it('takes the base64 of the raw key, as checkpoints carry it, or its PEM, and gives the raw key', () => {
    expect(parsePinnedKey(` ${raw} `)).toBe(raw);
    expect(parsePinnedKey(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe(raw);
  });

  it('says what is expected of anything else', () => {
    expect(() => parsePinnedKey('abcd')).toThrow(/trail\.pinnedPublicKeys: "abcd"… is not an Ed25519 public key: give the base64 of its 32 raw bytes/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => parsePinnedKey(rsa, 'VIGIE_TRAIL_PINNED_PUBLIC_KEYS')).toThrow(/^VIGIE_TRAIL_PINNED_PUBLIC_KEYS: .* is not an Ed25519 public key/);
  });
});

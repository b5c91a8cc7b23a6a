import { type KeyObject, createHash, createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { TrailConfig } from '#vigie/config';
import { TrailKeyError } from './trail.errors.js';

export const DEFAULT_SIGNING_KEY_FILE = '.vigie/keys/trail-signing.pem';
export const DEFAULT_PSEUDONYM_KEY_FILE = '.vigie/keys/trail-pseudonym.key';

/** The two secrets of the trail: the Ed25519 key that signs checkpoints and the HMAC key behind pseudonyms. */
export class TrailKeys {
  readonly publicKey: KeyObject;
  /** First 16 hex digits of SHA-256 of the raw public key: names the key in every checkpoint. */
  readonly keyId: string;

  constructor(
    readonly signingKey: KeyObject,
    readonly pseudonymKey: Buffer,
  ) {
    this.publicKey = createPublicKey(signingKey);
    this.keyId = createHash('sha256').update(rawPublicKey(this.publicKey)).digest('hex').slice(0, 16);
  }

  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** A value that tells whether two replicas use the same pseudonym key, without revealing it. */
  pseudonymKeyCheck(): string {
    return createHmac('sha256', this.pseudonymKey).update('vigie-trail-pseudonym-key-check').digest('hex').slice(0, 32);
  }
}

export function rawPublicKey(key: KeyObject): Buffer {
  // The SPKI DER of an Ed25519 key is a fixed 12-byte prefix and the 32-byte key.
  return (key.export({ type: 'spki', format: 'der' }) as Buffer).subarray(-32);
}

export interface LoadedTrailKeys {
  keys: TrailKeys;
  /** Files created because the default location was empty (first start). */
  generated: string[];
}

/**
 * Loads the keys from the environment value or the file in the configuration. When neither is configured and
 * the default files do not exist yet (first start), they are created (mode 0600); a configured file that is
 * missing is an error, never silently replaced.
 */
export function loadTrailKeys(cfg: TrailConfig, cwd = process.cwd()): LoadedTrailKeys {
  const generated: string[] = [];
  const signing = cfg.signingKey
    ? parseSigningKey(cfg.signingKey, 'VIGIE_TRAIL_SIGNING_KEY')
    : parseSigningKey(
        readOrCreate(cfg.signingKeyFile, DEFAULT_SIGNING_KEY_FILE, cwd, newSigningKeyPem, generated, 'signingKeyFile', 'VIGIE_TRAIL_SIGNING_KEY_FILE'),
        cfg.signingKeyFile ?? DEFAULT_SIGNING_KEY_FILE,
      );
  const pseudonym = cfg.pseudonymKey
    ? parsePseudonymKey(cfg.pseudonymKey, 'VIGIE_TRAIL_PSEUDONYM_KEY')
    : parsePseudonymKey(
        readOrCreate(cfg.pseudonymKeyFile, DEFAULT_PSEUDONYM_KEY_FILE, cwd, newPseudonymKey, generated, 'pseudonymKeyFile', 'VIGIE_TRAIL_PSEUDONYM_KEY_FILE'),
        cfg.pseudonymKeyFile ?? DEFAULT_PSEUDONYM_KEY_FILE,
      );
  return { keys: new TrailKeys(signing, pseudonym), generated };
}

/** `vigie audit-log keygen`: writes new key files; refuses to overwrite (a lost key makes old checkpoints and pseudonyms unverifiable). */
export function writeNewTrailKeys(paths: { signingKeyFile: string; pseudonymKeyFile: string }, cwd = process.cwd()): TrailKeys {
  for (const p of Object.values(paths)) {
    if (existsSync(resolve(cwd, p)))
      throw new TrailKeyError(
        `${p} already exists: Vigie never overwrites a trail key (checkpoints and pseudonyms made with it would no longer verify). Move it away first if you really mean to replace it.`,
        'conflict',
      );
  }
  writeSecret(resolve(cwd, paths.signingKeyFile), newSigningKeyPem());
  writeSecret(resolve(cwd, paths.pseudonymKeyFile), newPseudonymKey());
  return new TrailKeys(
    parseSigningKey(readFileSync(resolve(cwd, paths.signingKeyFile), 'utf8'), paths.signingKeyFile),
    parsePseudonymKey(readFileSync(resolve(cwd, paths.pseudonymKeyFile), 'utf8'), paths.pseudonymKeyFile),
  );
}

/**
 * The signing key a rotation hands over to: read from the file, or created there (mode 0600) when it does not exist
 * yet. The pseudonym key never rotates (pseudonyms made with another key would name nobody).
 */
export function openOrCreateSigningKey(path: string, cwd = process.cwd()): { key: KeyObject; created: boolean } {
  const file = resolve(cwd, path);
  const created = !existsSync(file);
  if (created) writeSecret(file, newSigningKeyPem());
  return { key: parseSigningKey(readFileSync(file, 'utf8'), path), created };
}

function readOrCreate(
  configured: string | undefined,
  fallback: string,
  cwd: string,
  create: () => string,
  generated: string[],
  key: string,
  env: string,
): string {
  const path = resolve(cwd, configured ?? fallback);
  if (existsSync(path)) {
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new TrailKeyError(
        `cannot read the trail key ${path}: ${(err as NodeJS.ErrnoException).code ?? err}. Check its owner and mode (0600, readable by Vigie).`,
      );
    }
  }
  if (configured) {
    throw new TrailKeyError(
      `the trail key file ${path} (trail.${key} or ${env}) does not exist. Create the keys with \`vigie audit-log keygen --signing-key-file … --pseudonym-key-file …\`, or fix the path.`,
    );
  }
  writeSecret(path, create());
  generated.push(path);
  return readFileSync(path, 'utf8');
}

function writeSecret(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
}

function newSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function newPseudonymKey(): string {
  return `${randomBytes(32).toString('base64')}\n`;
}

export function parseSigningKey(text: string, where: string): KeyObject {
  const value = text.trim();
  let key: KeyObject;
  try {
    key = value.startsWith('-----BEGIN') ? createPrivateKey(value) : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new TrailKeyError(
      `${where} is not a private key: expected an Ed25519 key in PEM ("-----BEGIN PRIVATE KEY-----") or base64 PKCS#8, as \`vigie audit-log keygen\` writes`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TrailKeyError(
      `${where} is an ${key.asymmetricKeyType ?? 'unknown'} key: checkpoints are signed with Ed25519 (\`vigie audit-log keygen\` makes one)`,
    );
  }
  return key;
}

export function parsePseudonymKey(text: string, where: string): Buffer {
  const value = text.trim();
  const bytes =
    /^[0-9a-f]+$/i.test(value) && value.length % 2 === 0
      ? Buffer.from(value, 'hex')
      : /^[A-Za-z0-9+/=_-]+$/.test(value)
        ? Buffer.from(value, 'base64')
        : Buffer.alloc(0);
  if (bytes.length < 32) {
    throw new TrailKeyError(`${where} must hold at least 32 random bytes in base64 or hex (got ${bytes.length}); \`vigie audit-log keygen\` makes one`);
  }
  return bytes;
}

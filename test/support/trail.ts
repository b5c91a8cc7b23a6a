import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgTrailStore, type SqlClient } from '#vigie/persistence';
import { ChainedTrailWriter, TrailKeys } from '#vigie/trail';

/** Fresh trail keys, as the environment variables that carry them (so tests never write key files in the repo). */
export function trailKeyEnv(): { VIGIE_TRAIL_SIGNING_KEY: string; VIGIE_TRAIL_PSEUDONYM_KEY: string } {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { VIGIE_TRAIL_SIGNING_KEY: pem, VIGIE_TRAIL_PSEUDONYM_KEY: randomBytes(32).toString('base64') };
}

export function testTrailKeys(): TrailKeys {
  return new TrailKeys(generateKeyPairSync('ed25519').privateKey, randomBytes(32));
}

/** The real trail writer over the real store of a test database. */
export function trailWriterFor(db: SqlClient, keys = testTrailKeys()): ChainedTrailWriter {
  return new ChainedTrailWriter(new PgTrailStore(db), keys.pseudonymKey);
}

/** The keys that environment variables of trailKeyEnv() carry, as Vigie loads them. */
export function trailKeysOf(env: ReturnType<typeof trailKeyEnv>): TrailKeys {
  return new TrailKeys(createPrivateKey(env.VIGIE_TRAIL_SIGNING_KEY), Buffer.from(env.VIGIE_TRAIL_PSEUDONYM_KEY, 'base64'));
}

/**
 * Where a test's checkpoints are published (trail.publish.file): one file per database, outside the repository, so
 * that verify never holds a database to the checkpoints of another test's.
 */
export function publishedFileFor(databaseUrl?: string): string {
  const id = databaseUrl ? createHash('sha256').update(databaseUrl).digest('hex').slice(0, 16) : randomBytes(8).toString('hex');
  return join(tmpdir(), 'vigie-test-published', `${id}.jsonl`);
}

import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawPublicKey } from '#vigie/trail';
import { runCli } from '../support/cli.js';
import { connectAdmin, createTestDatabase, type TestDatabase } from '../support/database.js';
import { trailKeyEnv, trailKeysOf } from '../support/trail.js';

/** `vigie audit-log verify` as an operator runs it, against a trail whose database a superuser rewrote. */
describe('vigie audit-log verify against the published checkpoints and the pinned key', () => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  const keys = trailKeyEnv();

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'vigie-cli-anchored-'));
    env = {
      DATABASE_URL: db.url,
      ...keys,
      VIGIE_TRAIL_PUBLISH_FILE: join(dir, 'trail-checkpoints.jsonl'),
      VIGIE_TRAIL_PINNED_PUBLIC_KEYS: rawPublicKey(trailKeysOf(keys).publicKey).toString('base64'),
    };
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes, then fails with exit 1 naming the checkpoint gone from the database and the entries it covered', async () => {
    expect((await runCli(['token', 'create', '--role', 'auditor', '--name', 'ci'], env)).code).toBe(0);
    // The command published the checkpoint of what it wrote before it exited.
    const published = readFileSync(env.VIGIE_TRAIL_PUBLISH_FILE, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(published).toEqual([expect.objectContaining({ chain: 'change', seq: 1, reason: 'after-write' })]);

    const ok = await runCli(['audit-log', 'verify'], env);
    expect(ok.stdout).toMatch(/keys trusted: [0-9a-f]{16} \(configuration\); outside copy: 1 checkpoints in file .*trail-checkpoints\.jsonl/);
    expect(ok.code).toBe(0);

    const admin = await connectAdmin(db.url);
    try {
      await admin.query('BEGIN');
      await admin.query('SET LOCAL session_replication_role = replica');
      await admin.query('DELETE FROM trail_checkpoint');
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }
    const cut = await runCli(['audit-log', 'verify'], env);
    expect(cut.stdout).toMatch(
      /checkpoint-missing: checkpoint [0-9a-f-]{36} \(after-write, .*\) of entry 1 of the change trail, published in file .*, is missing from the database/,
    );
    expect(cut.stdout).toMatch(/The trail does NOT verify/);
    expect(cut.code).toBe(1);

    // A key of someone else's: its checkpoint fails verify, not a warning.
    const intruder = { ...env, VIGIE_TRAIL_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
    expect((await runCli(['audit-log', 'checkpoint'], intruder)).code).toBe(0);
    const foreign = await runCli(['audit-log', 'verify', '--json'], env);
    expect(JSON.parse(foreign.stdout).problems.map((p: { kind: string }) => p.kind)).toEqual(
      expect.arrayContaining(['checkpoint-untrusted-key', 'published-invalid']),
    );
    expect(foreign.code).toBe(1);
  });
});

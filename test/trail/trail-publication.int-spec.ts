import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vigie } from '#vigie/application';
import type { SqlClient } from '#vigie/persistence';
import { TrailPublicationError, rawPublicKey } from '#vigie/trail';
import { connectAdmin, createTestDatabase, type TestDatabase } from '../support/database.js';
import { trailKeyEnv, trailKeysOf } from '../support/trail.js';
import { testVigie } from '../support/vigie.js';

/** Another system that keeps what it is sent: a real HTTP server on loopback, not a mock. */
interface Receiver {
  url: string;
  bodies: string[];
  headers: IncomingHttpHeaders[];
  status: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = { bodies: [] as string[], headers: [] as IncomingHttpHeaders[], status: 204 } as Receiver;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (receiver.status < 300) {
        receiver.bodies.push(body);
        receiver.headers.push(req.headers);
      }
      res.statusCode = receiver.status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/witness/checkpoints`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Runs SQL as the superuser with the trail's triggers off. */
async function tamper(url: string, sql: string): Promise<void> {
  const admin = await connectAdmin(url);
  try {
    await admin.query('BEGIN');
    await admin.query(`SET LOCAL session_replication_role = replica`);
    await admin.query(sql);
    await admin.query('COMMIT');
  } finally {
    await admin.end();
  }
}

describe('checkpoints published as they are signed, by Vigie as composed', () => {
  let db: TestDatabase;
  let dir: string;
  let receiver: Receiver;
  const keys = trailKeyEnv();
  const pinned = rawPublicKey(trailKeysOf(keys).publicKey).toString('base64');
  const vigies: Vigie[] = [];

  const vigieWith = (over: { keys?: ReturnType<typeof trailKeyEnv>; pinned?: string[] } = {}) => {
    const v = testVigie({
      url: db.url,
      keys: over.keys ?? keys,
      overrides: {
        trail: {
          pinnedPublicKeys: over.pinned ?? [pinned],
          publish: { file: join(dir, 'trail-checkpoints.jsonl'), webhook: { url: receiver.url, token: 'witness-token', timeoutMs: 2000 } },
        },
      },
    });
    vigies.push(v);
    return v;
  };
  const publishedLines = () =>
    readFileSync(join(dir, 'trail-checkpoints.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'vigie-publication-'));
    receiver = await startReceiver();
  });

  afterAll(async () => {
    for (const v of vigies) await v.close();
    await receiver?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs and publishes a checkpoint of what a use case wrote before it answers, to the file and the webhook', async () => {
    const vigie = vigieWith();
    await vigie.run('create-token', { role: 'auditor', name: 'ci' });
    const sql: SqlClient = await vigie.dependencies.database();
    const [head] = await sql.query(`SELECT seq::int AS seq, hash FROM trail_head WHERE chain = 'change'`);
    expect(head.seq).toBeGreaterThan(0);
    const line = publishedLines().find((l) => l.chain === 'change');
    expect(line).toMatchObject({ type: 'vigie-trail-checkpoint', seq: head.seq, hash: head.hash, reason: 'after-write', publicKey: pinned });
    expect(receiver.bodies.map((b) => JSON.parse(b))).toContainEqual(line);
    expect(receiver.headers[0]).toMatchObject({ authorization: 'Bearer witness-token', 'content-type': 'application/json' });
  });

  it('says when a sink refuses a checkpoint, and still publishes it to the others', async () => {
    const vigie = vigieWith();
    receiver.status = 503;
    const before = publishedLines().length;
    const err = await vigie.run('checkpoint-trail', { reason: 'manual' }).catch((e: unknown) => e);
    receiver.status = 204;
    expect(err).toBeInstanceOf(TrailPublicationError);
    expect(err).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/not published to webhook http:\/\/127\.0\.0\.1:\d+\/witness\/checkpoints: .*answered 503/),
    });
    expect(publishedLines().length).toBeGreaterThan(before);
  });

  it('verifies against what the webhook receiver kept, and fails once a checkpoint it holds is gone from the database', async () => {
    const vigie = vigieWith();
    const kept = join(dir, 'kept-by-the-witness.jsonl');
    writeFileSync(kept, receiver.bodies.map((b) => `${b}\n`).join(''));
    const ok = await vigie.run('verify-trail', { published: kept });
    expect(ok.problems).toEqual([]);
    expect(ok.published).toMatchObject({ source: `file ${kept}`, checkpoints: receiver.bodies.length });
    await expect(
      vigie.run('verify-trail', { published: kept }, { actor: { type: 'token', id: 't', name: 'x', roles: ['admin'], method: 'token' } }),
    ).rejects.toThrow(/only the command line on the server may name a file of published checkpoints/);

    await tamper(db.url, `DELETE FROM trail_checkpoint`);
    const cut = await vigie.run('verify-trail', { published: kept });
    expect(cut.ok).toBe(false);
    expect(cut.problems[0]).toMatchObject({ kind: 'checkpoint-missing', chain: 'change' });
    // And against the configured file, without naming one.
    expect((await vigie.run('verify-trail', {})).problems.map((p) => p.kind)).toContain('checkpoint-missing');
  });
});

describe('a key rotation, itself a signed and recorded event', () => {
  let db: TestDatabase;
  let dir: string;
  const vigies: Vigie[] = [];
  const oldKeys = trailKeyEnv();
  const pinned = rawPublicKey(trailKeysOf(oldKeys).publicKey).toString('base64');

  const vigieWith = (keys: ReturnType<typeof trailKeyEnv>) => {
    const v = testVigie({ url: db.url, keys, overrides: { trail: { pinnedPublicKeys: [pinned], publish: { file: join(dir, 'trail-checkpoints.jsonl') } } } });
    vigies.push(v);
    return v;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'vigie-rotation-'));
  });

  afterAll(async () => {
    for (const v of vigies) await v.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands the trust of the pinned key over to the new one; a key that no rotation introduced fails verify', async () => {
    const before = vigieWith(oldKeys);
    await before.run('create-token', { role: 'auditor' });
    const newKeyFile = join(dir, 'keys', 'trail-signing-2.pem');
    const rotated = await before.run('rotate-trail-key', { newSigningKeyFile: newKeyFile });
    expect(rotated).toMatchObject({ from: trailKeysOf(oldKeys).keyId, created: true });

    // The replicas restart with the new key; the configuration still pins the old one only.
    const newKeys = { ...oldKeys, VIGIE_TRAIL_SIGNING_KEY: readFileSync(newKeyFile, 'utf8') };
    const after = vigieWith(newKeys);
    await after.run('create-token', { role: 'auditor' });
    const report = await after.run('verify-trail', {});
    expect(report.problems).toEqual([]);
    expect(report.trust).toMatchObject({ pinnedFrom: 'configuration', rotations: [{ from: rotated.from, to: rotated.to }] });
    expect(report.checkpoints.otherKeys).toEqual([rotated.from]);

    // Someone with the database and a key of their own, but not the pinned key: their checkpoints fail verify.
    const intruder = vigieWith({
      ...oldKeys,
      VIGIE_TRAIL_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    await intruder.run('checkpoint-trail', { reason: 'manual' });
    const refused = await after.run('verify-trail', {});
    expect(refused.ok).toBe(false);
    expect(refused.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['checkpoint-untrusted-key']));
  });
});

import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClosableSqlClient, PgPersonalDataStore, PgTrailStore, openSqlClient } from '#vigie/persistence';
import {
  ChainedTrailWriter,
  CheckpointPublication,
  FileCheckpointPublisher,
  type StoredEntry,
  TrailCheckpointService,
  TrailKeys,
  TrailVerifier,
  entryHash,
  erasureRecordInput,
  rawPublicKey,
} from '#vigie/trail';
import { connectAdmin } from '../support/database.js';
import { openTrailDb, syncRunEntry, type TrailDb } from '../support/trail-db.js';

const ROLES_SQL = new URL('../../docs/trail-roles.sql', import.meta.url).pathname;

/** A trail whose checkpoints are published to a file outside the database, and a verify that pins this process's key. */
interface AnchoredTrail extends TrailDb {
  published: FileCheckpointPublisher;
  signer: TrailCheckpointService;
  anchoredVerifier: TrailVerifier;
  /** One "use case": entries written, then a checkpoint signed and published, as every process does after one. */
  useCase(entries: number): Promise<void>;
  next: number;
}

async function anchoredTrail(): Promise<AnchoredTrail & { dir: string }> {
  const t = await openTrailDb();
  const dir = mkdtempSync(join(tmpdir(), 'vigie-published-'));
  const published = new FileCheckpointPublisher(join(dir, 'trail-checkpoints.jsonl'));
  const signer = new TrailCheckpointService(t.store, t.keys, new CheckpointPublication([published]));
  const anchored: AnchoredTrail & { dir: string } = {
    ...t,
    dir,
    published,
    signer,
    anchoredVerifier: new TrailVerifier(t.store, t.keys, { pinned: [rawPublicKey(t.keys.publicKey).toString('base64')], published }),
    next: 1,
    async useCase(n: number) {
      await t.writer.recordMany(Array.from({ length: n }, () => syncRunEntry(anchored.next++)));
      await signer.checkpointHeads('after-write');
    },
  };
  return anchored;
}

/** The superuser's rewrite: entries from `from` re-hashed after a change, the head moved along, every link holding. */
async function recomputeFrom(t: TrailDb, from: number, change: (e: StoredEntry) => StoredEntry): Promise<void> {
  const rows = await t.store.readAfter('operation', from - 1, 1000);
  let prevHash = rows[0].prevHash;
  for (const [i, row] of rows.entries()) {
    const entry = i === 0 ? change(row) : row;
    const hash = entryHash(prevHash, { ...entry, prevHash } as StoredEntry);
    await t.tamper(`UPDATE trail_entry SET actor_id = $1, prev_hash = $2, hash = $3 WHERE chain = 'operation' AND seq = $4`, [
      entry.actorId,
      prevHash,
      hash,
      row.seq,
    ]);
    prevHash = hash;
  }
  await t.tamper(`UPDATE trail_head SET hash = $1 WHERE chain = 'operation'`, [prevHash]);
}

describe('a trail anchored outside the database, attacked by its superuser', () => {
  let t: AnchoredTrail & { dir: string };

  beforeEach(async () => {
    t = await anchoredTrail();
    // Three use cases: entries 1–3, 4–6 and 7–10, each followed by its published checkpoint.
    await t.useCase(3);
    await t.useCase(3);
    await t.useCase(4);
    const clean = await t.anchoredVerifier.verify();
    expect(clean.problems).toEqual([]);
    expect(clean.published).toMatchObject({ checkpoints: 3, notPublished: 0 });
  });

  afterEach(async () => {
    await t?.close();
    rmSync(t.dir, { recursive: true, force: true });
  });

  const chainProblem = async () => {
    const r = await t.anchoredVerifier.verify();
    expect(r.ok).toBe(false);
    return { report: r, operation: r.chains.find((c) => c.chain === 'operation')?.problem };
  };

  it('publishes one JSON line per signed checkpoint, in a file readable by its group only', async () => {
    const lines = readFileSync(t.published.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.type, l.chain, l.seq, l.reason, l.keyId])).toEqual([
      ['vigie-trail-checkpoint', 'operation', 3, 'after-write', t.keys.keyId],
      ['vigie-trail-checkpoint', 'operation', 6, 'after-write', t.keys.keyId],
      ['vigie-trail-checkpoint', 'operation', 10, 'after-write', t.keys.keyId],
    ]);
    const { statSync } = await import('node:fs');
    expect(statSync(t.published.path).mode & 0o777).toBe(0o640);
  });

  it('catches an entry altered, every checkpoint deleted and the hashes recomputed from there, naming the entry', async () => {
    await recomputeFrom(t, 4, (e) => ({ ...e, actorId: 'someone-else' }));
    await t.tamper(`DELETE FROM trail_checkpoint`);
    // What the database alone shows holds together: that is what verify used to trust.
    expect((await t.verifier.verify()).ok).toBe(true);
    const { report, operation } = await chainProblem();
    expect(operation).toMatchObject({
      kind: 'altered',
      seq: 4,
      message: expect.stringMatching(/^entry 6 of the operation trail differs from checkpoint .*: one of entries 4 to 6 was altered/),
    });
    expect(report.problems.filter((p) => p.kind === 'checkpoint-missing').map((p) => p.seq)).toEqual([3, 6, 10]);
  });

  it('catches every trail table emptied, and a trail started over, from entry 1', async () => {
    await t.tamper(`TRUNCATE trail_entry, trail_personal, trail_checkpoint, trail_person`);
    await t.tamper(`UPDATE trail_head SET seq = 0, hash = repeat('0', 64)`);
    expect((await t.verifier.verify()).ok).toBe(true);
    const emptied = await chainProblem();
    expect(emptied.operation).toMatchObject({
      kind: 'removed',
      seq: 1,
      message: expect.stringMatching(/^the operation trail ends at entry 0 but checkpoint .* covers entry 3/),
    });

    // The application goes on, and its new trail is signed with the right key: the published history still disagrees.
    t.next = 100;
    await t.useCase(5);
    expect((await t.verifier.verify()).ok).toBe(true);
    const restarted = await chainProblem();
    expect(restarted.operation).toMatchObject({ kind: 'altered', seq: 1, message: expect.stringMatching(/one of entries 1 to 3 was altered or replaced/) });
  });

  it('catches checkpoints deleted alone, naming the entry of the first', async () => {
    await t.tamper(`DELETE FROM trail_checkpoint`);
    expect((await t.verifier.verify()).ok).toBe(true);
    const { report, operation } = await chainProblem();
    expect(operation).toBeNull();
    expect(report.problems[0]).toMatchObject({
      kind: 'checkpoint-missing',
      chain: 'operation',
      seq: 3,
      message: expect.stringMatching(/of entry 3 of the operation trail, published in file .*trail-checkpoints\.jsonl, is missing from the database/),
    });
  });

  it('catches checkpoints signed with a key of the attacker’s own, over a rewritten history', async () => {
    await recomputeFrom(t, 7, (e) => ({ ...e, actorId: 'someone-else' }));
    await t.tamper(`DELETE FROM trail_checkpoint`);
    const theirs = new TrailKeys(generateKeyPairSync('ed25519').privateKey, randomBytes(32));
    await new TrailCheckpointService(t.store, theirs).checkpointHeads('manual');
    // Not a warning any more, even for a verify that has nothing but the database and its own key.
    const databaseOnly = await t.verifier.verify();
    expect(databaseOnly.problems).toEqual([expect.objectContaining({ kind: 'checkpoint-untrusted-key', seq: 10 })]);
    const { report, operation } = await chainProblem();
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        kind: 'checkpoint-untrusted-key',
        seq: 10,
        message: expect.stringContaining(`signed by key ${theirs.keyId}, which is neither pinned`),
      }),
    );
    expect(operation).toMatchObject({ kind: 'altered', seq: 7 });
  });

  it('catches a published line that no trusted key signed', async () => {
    const theirs = new TrailKeys(generateKeyPairSync('ed25519').privateKey, randomBytes(32));
    const head = (await t.store.heads()).find((h) => h.chain === 'operation')!;
    await new TrailCheckpointService(t.store, theirs, new CheckpointPublication([t.published])).checkpointAt('operation', head.seq, head.hash, 'manual');
    const { report } = await chainProblem();
    expect(report.problems.map((p) => p.kind)).toEqual(['checkpoint-untrusted-key', 'published-invalid']);
  });

  it('leaves no entry of a use case outside a published checkpoint: one cut or swapped right after it is caught', async () => {
    const [nine] = await t.sql.query(`SELECT hash FROM trail_entry WHERE chain = 'operation' AND seq = 9`);
    await t.tamper(`DELETE FROM trail_entry WHERE chain = 'operation' AND seq = 10`);
    await t.tamper(`UPDATE trail_head SET seq = 9, hash = $1 WHERE chain = 'operation'`, [nine.hash]);
    await t.tamper(`DELETE FROM trail_checkpoint WHERE seq = 10`);
    expect((await t.verifier.verify()).ok).toBe(true);
    const { operation } = await chainProblem();
    expect(operation).toMatchObject({ kind: 'removed', seq: 10 });
  });
});

describe('the personal part of entries, blanked only through the erasure path', () => {
  let t: AnchoredTrail & { dir: string };
  let app: ClosableSqlClient;
  const role = `vigie_app_${randomBytes(4).toString('hex')}`;
  const person = { login: 'jdupont', employeeId: 'E1042', displayName: 'Jeanne Dupont' };

  beforeAll(async () => {
    t = await anchoredTrail();
    const admin = await connectAdmin(t.db.url);
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN`);
      await admin.query(readFileSync(ROLES_SQL, 'utf8').replace(/\bvigie_app\b/g, role));
    } finally {
      await admin.end();
    }
    const url = new URL(t.db.url);
    url.username = role;
    url.password = '';
    app = await openSqlClient({ url: url.toString(), dataDir: '' });
    // Entries 1–3 of the change trail: two about Jeanne Dupont (one decided by her, with her reason), one about a token.
    const writer = new ChainedTrailWriter(new PgTrailStore(app), t.keys.pseudonymKey);
    await writer.record({
      action: 'finding.risk-accepted',
      actor: { type: 'person', id: 'jdupont' },
      target: { type: 'finding', id: 'f1' },
      reason: 'Jeanne: the share closes in May',
    });
    await writer.record({ action: 'account.modified', subjects: [person], target: { type: 'account', id: 'uid=jdupont' }, after: { title: 'Clerk' } });
    await writer.record({ action: 'api-token.created', target: { type: 'api-token', id: 't1' }, personal: { tokenName: 'jdupont laptop' } });
    await t.signer.checkpointHeads('after-write');
    expect((await t.anchoredVerifier.verify()).problems).toEqual([]);
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
    rmSync(t.dir, { recursive: true, force: true });
    const admin = await connectAdmin(t.db.url.replace(/\/[^/]+$/, '/postgres'));
    await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
  });

  it('refuses the application role (and even the owner) an UPDATE of the personal parts', async () => {
    await expect(app.query(`UPDATE trail_personal SET data = '{"erased":true}'::jsonb, salt = NULL WHERE seq = 1`)).rejects.toThrow(
      /permission denied for table trail_personal/,
    );
    await expect(t.sql.query(`UPDATE trail_personal SET data = '{"erased":true}'::jsonb, salt = NULL WHERE seq = 1`)).rejects.toThrow(
      /changes only through erasure .*: UPDATE on trail_personal is refused/,
    );
    await expect(t.sql.query(`DELETE FROM trail_personal`)).rejects.toThrow(/DELETE on trail_personal is refused/);
  });

  it('catches a personal part marked erased outside the erasure path (who decided and why hidden), naming the entry', async () => {
    await t.tamper(`UPDATE trail_personal SET data = '{"erased":true}'::jsonb, salt = NULL WHERE chain = 'change' AND seq = 1`);
    const r = await t.anchoredVerifier.verify();
    expect(r.chains.find((c) => c.chain === 'change')?.problem).toMatchObject({
      kind: 'personal-data-altered',
      seq: 1,
      message: 'the personal part of entry 1 of the change trail was blanked outside the erasure path: no signed erasure record names it',
    });
  });

  it('catches an erasure record forged without the trail key', async () => {
    const theirs = new TrailKeys(generateKeyPairSync('ed25519').privateKey, t.keys.pseudonymKey);
    const forged = new ChainedTrailWriter(new PgTrailStore(app), t.keys.pseudonymKey);
    await forged.record(erasureRecordInput(theirs, { erasureId: randomUUID(), at: new Date(), entries: [{ chain: 'change', seq: 1 }] }));
    const r = await t.anchoredVerifier.verify();
    expect(r.problems).toContainEqual(
      expect.objectContaining({ kind: 'record-invalid', chain: 'change', seq: 4, message: expect.stringMatching(/erasure record at entry 4 .* not trusted/) }),
    );
    expect(r.chains.find((c) => c.chain === 'change')?.problem).toMatchObject({ kind: 'personal-data-altered', seq: 1 });
  });

  it('erases through the one path, as the application role: a signed record names the entries, and verify accepts them', async () => {
    // As actor (by login) and as subject (by employee id): two pseudonyms of one person.
    const pseudonyms = (await t.store.findPersons('jdupont')).map((p) => p.pseudonym);
    expect(pseudonyms).toHaveLength(2);
    const personalData = new PgPersonalDataStore(app);
    const outcome = await personalData.erase({
      pseudonyms,
      accounts: [],
      replacements: [{ value: 'jdupont', by: 'erased-0001' }],
      record: { pseudonym: pseudonyms[0], digests: [], forced: false },
    });
    expect(outcome.trailErasure.entries.sort((a, b) => a.seq - b.seq)).toEqual([
      { chain: 'change', seq: 1 },
      { chain: 'change', seq: 2 },
      { chain: 'change', seq: 3 },
    ]);
    const record = await new ChainedTrailWriter(new PgTrailStore(app), t.keys.pseudonymKey).record(erasureRecordInput(t.keys, outcome.trailErasure));
    expect(record.details).toMatchObject({ after: { type: 'vigie-trail-erasure', erasureId: outcome.trailErasure.erasureId, entries: { change: [[1, 3]] } } });
    const [token] = await t.sql.query(`SELECT data, salt, erased_by FROM trail_personal WHERE chain = 'change' AND seq = 3`);
    expect(token).toEqual({ data: { labels: { tokenName: 'erased-0001 laptop' } }, salt: null, erased_by: outcome.trailErasure.erasureId });
    await t.signer.checkpointHeads('after-write');
    const r = await t.anchoredVerifier.verify();
    // Entry 1 was blanked by the attack above before the erasure: the erasure named it since, and it stays accepted.
    expect(r.problems.filter((p) => p.kind !== 'record-invalid')).toEqual([]);
    expect(r.erasures.records).toBe(1);
  });
});

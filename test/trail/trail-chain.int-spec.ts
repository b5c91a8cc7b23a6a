import { type ClosableSqlClient, PgTrailStore, openSqlClient } from '#vigie/persistence';
import { ChainedTrailWriter, TrailVerifier, entryHash } from '#vigie/trail';
import { openTrailDb, syncRunEntry, type TrailDb } from '../support/trail-db.js';

/** The chain on a real PostgreSQL: several replicas appending at once, the trigger, and each kind of tampering. */
describe('the trail on a real PostgreSQL', () => {
  describe('two replicas appending at once', () => {
    let t: TrailDb;
    let replicaB: ClosableSqlClient;

    beforeAll(async () => {
      t = await openTrailDb();
      replicaB = await openSqlClient({ url: t.db.url, dataDir: '' });
    });

    afterAll(async () => {
      await replicaB?.close();
      await t?.close();
    });

    it('keeps one consistent chain per kind, with no gap and no duplicate', async () => {
      const writerB = new ChainedTrailWriter(new PgTrailStore(replicaB), t.keys.pseudonymKey);
      const burst = (w: ChainedTrailWriter, from: number) =>
        Promise.all(
          Array.from({ length: 150 }, (_, i) =>
            w.record(i % 3 ? syncRunEntry(from + i) : { action: 'api-token.created', target: { type: 'api-token', id: `t${from + i}` } }),
          ),
        );
      const [a, b] = await Promise.all([burst(t.writer, 0), burst(writerB, 1000), burst(t.writer, 2000), burst(writerB, 3000)]);
      expect(a.length + b.length).toBe(300);

      const rows: Array<{ chain: string; n: number; min: string; max: string; distinct: number }> = await t.sql.query(
        `SELECT chain, count(*)::int AS n, min(seq) AS min, max(seq) AS max, count(DISTINCT prev_hash)::int AS distinct FROM trail_entry GROUP BY chain ORDER BY chain`,
      );
      expect(rows).toEqual([
        { chain: 'change', n: 200, min: '1', max: '200', distinct: 200 },
        { chain: 'operation', n: 400, min: '1', max: '400', distinct: 400 },
      ]);
      const report = await t.verifier.verify();
      expect(report.problems).toEqual([]);
      expect(report.chains.map((c) => [c.chain, c.entries])).toEqual([
        ['access', 0],
        ['change', 200],
        ['operation', 400],
      ]);
      // Both replicas see the same chain.
      expect((await new TrailVerifier(new PgTrailStore(replicaB), t.keys).verify()).ok).toBe(true);
    });

    it('refuses UPDATE, DELETE and TRUNCATE of entries and checkpoints, even to the owner', async () => {
      await t.checkpoints.checkpointHeads('manual');
      await expect(t.sql.query(`UPDATE trail_entry SET action = 'x.y' WHERE seq = 1`)).rejects.toThrow(/append-only: UPDATE on trail_entry is refused/);
      await expect(t.sql.query(`DELETE FROM trail_entry WHERE seq = 1`)).rejects.toThrow(/append-only: DELETE on trail_entry is refused/);
      await expect(t.sql.query(`TRUNCATE trail_entry`)).rejects.toThrow(/append-only: TRUNCATE on trail_entry is refused/);
      await expect(t.sql.query(`DELETE FROM trail_checkpoint`)).rejects.toThrow(/append-only: DELETE on trail_checkpoint is refused/);
      await expect(t.sql.query(`SELECT vigie_trail_prune('change', 10, gen_random_uuid())`)).rejects.toThrow(/no prune checkpoint/);
      expect((await t.verifier.verify()).ok).toBe(true);
    });
  });

  describe('tampering done directly in PostgreSQL, triggers off', () => {
    let t: TrailDb;

    beforeEach(async () => {
      t = await openTrailDb();
      await t.writer.recordMany(Array.from({ length: 10 }, (_, i) => syncRunEntry(i + 1)));
      expect((await t.verifier.verify()).ok).toBe(true);
    });

    afterEach(async () => {
      await t?.close();
    });

    const firstProblem = async () => {
      const r = await t.verifier.verify();
      expect(r.ok).toBe(false);
      return r.problems[0];
    };

    it('catches a changed payload at that entry', async () => {
      await t.tamper(`UPDATE trail_entry SET details = jsonb_set(details, '{after,accounts}', '999') WHERE chain = 'operation' AND seq = 5`);
      expect(await firstProblem()).toMatchObject({ kind: 'altered', chain: 'operation', seq: 5 });
    });

    it('catches a changed entry whose hash was recomputed, at that entry', async () => {
      const stored = (await t.store.entryAt('operation', 4))!;
      const forgedHash = entryHash(stored.prevHash, { ...stored, actorId: 'someone' });
      await t.tamper(`UPDATE trail_entry SET actor_id = 'someone', hash = $1 WHERE chain = 'operation' AND seq = 4`, [forgedHash]);
      expect((await t.store.entryAt('operation', 4))!.hash).toBe(entryHash(stored.prevHash, (await t.store.entryAt('operation', 4))!));
      expect(await firstProblem()).toMatchObject({ kind: 'altered', seq: 4 });
    });

    it('catches a deleted entry at its position', async () => {
      await t.tamper(`DELETE FROM trail_entry WHERE chain = 'operation' AND seq = 5`);
      expect(await firstProblem()).toMatchObject({ kind: 'removed', seq: 5 });
    });

    it('catches two entries whose sequence numbers were swapped', async () => {
      await t.tamper(`UPDATE trail_entry SET seq = -1 WHERE chain = 'operation' AND seq = 5`);
      await t.tamper(`UPDATE trail_entry SET seq = 5 WHERE chain = 'operation' AND seq = 6`);
      await t.tamper(`UPDATE trail_entry SET seq = 6 WHERE chain = 'operation' AND seq = -1`);
      expect(await firstProblem()).toMatchObject({ kind: 'reordered', seq: 5 });
    });

    it('catches a cut tail, head moved back too, through the signed checkpoint', async () => {
      await t.checkpoints.checkpointHeads('manual');
      const [eight] = await t.sql.query(`SELECT hash FROM trail_entry WHERE chain = 'operation' AND seq = 8`);
      await t.tamper(`DELETE FROM trail_entry WHERE chain = 'operation' AND seq > 8`);
      await t.tamper(`UPDATE trail_head SET seq = 8, hash = $1 WHERE chain = 'operation'`, [eight.hash]);
      expect(await firstProblem()).toMatchObject({ kind: 'removed', seq: 9 });
    });

    it('catches the oldest entries deleted outside the pruning path', async () => {
      await t.tamper(`DELETE FROM trail_entry WHERE chain = 'operation' AND seq <= 3`);
      expect(await firstProblem()).toMatchObject({ kind: 'removed', seq: 1 });
    });

    it('catches a forged checkpoint signature', async () => {
      const [cp] = await t.checkpoints.checkpointHeads('manual');
      await t.tamper(`UPDATE trail_checkpoint SET hash = $1 WHERE id = $2`, ['a'.repeat(64), cp.id]);
      expect(await firstProblem()).toMatchObject({ kind: 'checkpoint-invalid', seq: 10 });
    });

    it('verifies from a checkpoint with --from, and from each chain’s latest checkpoint', async () => {
      const [cp] = await t.checkpoints.checkpointHeads('manual');
      await t.writer.recordMany([syncRunEntry(11), syncRunEntry(12)]);
      const from = await t.verifier.verify({ from: cp.id });
      expect(from.chains).toEqual([expect.objectContaining({ chain: 'operation', entries: 2, lastSeq: 12 })]);
      expect(from.ok).toBe(true);
      expect((await t.verifier.verify({ from: 'latest' })).ok).toBe(true);
      await expect(t.verifier.verify({ from: '00000000-0000-0000-0000-000000000000' })).rejects.toThrow(/no checkpoint with id/);
    });
  });
});

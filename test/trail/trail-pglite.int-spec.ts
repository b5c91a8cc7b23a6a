import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#vigie/config';
import { type ClosableSqlClient, closeEmbeddedDatabase, PgTrailStore, openSqlClient } from '#vigie/persistence';
import { ChainedTrailWriter, TrailPruneService, TrailVerifier } from '#vigie/trail';
import { syncRunEntry } from '../support/trail-db.js';
import { testTrailKeys } from '../support/trail.js';

/** The same migration, trigger and pruning function on the embedded database (one session, serialised). */
describe('the trail on the embedded PostgreSQL (PGlite)', () => {
  let dir: string;
  let sql: ClosableSqlClient;
  const keys = testTrailKeys();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-trail-pglite-'));
    sql = await openSqlClient({ dataDir: join(dir, 'data') });
  });

  afterAll(async () => {
    await sql?.close();
    await closeEmbeddedDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  it('chains concurrent records, refuses changes, prunes through the function and still verifies', async () => {
    const store = new PgTrailStore(sql);
    const writers = [new ChainedTrailWriter(store, keys.pseudonymKey), new ChainedTrailWriter(store, keys.pseudonymKey)];
    const old = new Date(Date.now() - 500 * 86_400_000);
    await writers[1].recordMany(Array.from({ length: 10 }, (_, i) => syncRunEntry(i, old)));
    await Promise.all(Array.from({ length: 30 }, (_, i) => writers[i % 2].record(syncRunEntry(10 + i))));
    await writers[0].record({
      action: 'finding.acknowledged',
      actor: { type: 'person', id: 'jdupont' },
      subjects: [{ login: 'jdupont', displayName: 'Jean Dupont' }],
      target: { type: 'finding', id: 'f1' },
      sourceAddress: '127.0.0.1',
    });
    const verifier = new TrailVerifier(store, keys);
    expect((await verifier.verify()).problems).toEqual([]);

    await expect(sql.query(`UPDATE trail_entry SET action = 'x.y'`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM trail_entry`)).rejects.toThrow(/append-only/);

    const retention = loadConfig({ env: {}, file: '/dev/null' }).trail.retention;
    const [result] = await new TrailPruneService(store, keys, writers[0], retention).prune({ chains: ['operation'] });
    expect(result).toMatchObject({ uptoSeq: 10, removed: 10 });
    expect((await verifier.verify()).problems).toEqual([]);
    const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM trail_entry WHERE chain = 'operation'`);
    expect(n).toBe(30);
  });
});

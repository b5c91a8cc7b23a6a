import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig } from '#vigie/config';
import { type ClosableSqlClient, PgTrailStore, openSqlClient } from '#vigie/persistence';
import { ChainedTrailWriter, TrailPruneService, TrailVerifier } from '#vigie/trail';
import { connectAdmin } from '../support/database.js';
import { openTrailDb, syncRunEntry, type TrailDb } from '../support/trail-db.js';

const ROLES_SQL = new URL('../../docs/trail-roles.sql', import.meta.url).pathname;

/** The deployment the README describes: the application's role has no UPDATE or DELETE on the trail. */
describe('the application role without UPDATE and DELETE on the trail', () => {
  let t: TrailDb;
  let app: ClosableSqlClient;
  const role = `vigie_app_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    t = await openTrailDb();
    await t.writer.recordMany(Array.from({ length: 6 }, (_, i) => syncRunEntry(i, new Date(Date.now() - (400 - i) * 86_400_000))));
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
  });

  afterAll(async () => {
    await app?.close();
    await t?.close();
    const admin = await connectAdmin(t.db.url.replace(/\/[^/]+$/, '/postgres'));
    await admin.query(`DROP ROLE IF EXISTS ${role}`).finally(() => admin.end());
  });

  it('appends, reads and verifies', async () => {
    const writer = new ChainedTrailWriter(new PgTrailStore(app), t.keys.pseudonymKey);
    await writer.record({ action: 'api-token.created', target: { type: 'api-token', id: 'x' }, sourceAddress: '127.0.0.1' });
    expect((await new TrailVerifier(new PgTrailStore(app), t.keys).verify()).ok).toBe(true);
  });

  it('cannot change or remove entries, even with the pruning setting', async () => {
    await expect(app.query(`UPDATE trail_entry SET action = 'x.y'`)).rejects.toThrow(/permission denied for table trail_entry/);
    await expect(app.query(`DELETE FROM trail_checkpoint`)).rejects.toThrow(/permission denied for table trail_checkpoint/);
    await expect(
      app.transaction(async (m) => {
        await m.query(`SET LOCAL vigie.trail_prune = 'on'`);
        await m.query(`DELETE FROM trail_entry`);
      }),
    ).rejects.toThrow(/permission denied for table trail_entry/);
  });

  it('prunes through the function only, and what remains verifies', async () => {
    const store = new PgTrailStore(app);
    const retention = loadConfig({ env: {}, file: '/dev/null', overrides: { trail: { retention: { operation: { days: 398 } } } } }).trail.retention;
    const results = await new TrailPruneService(store, t.keys, new ChainedTrailWriter(store, t.keys.pseudonymKey), retention).prune({ chains: ['operation'] });
    expect(results[0]).toMatchObject({ chain: 'operation', uptoSeq: 3, removed: 3 });
    expect((await new TrailVerifier(store, t.keys).verify()).problems).toEqual([]);
  });
});

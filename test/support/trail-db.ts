import { type ClosableSqlClient, PgTrailStore, openSqlClient } from '#vigie/persistence';
import { ChainedTrailWriter, TrailCheckpointService, type TrailKeys, type TrailRecordInput, TrailVerifier } from '#vigie/trail';
import { connectAdmin, createTestDatabase, type TestDatabase } from './database.js';
import { testTrailKeys } from './trail.js';

/** A throw-away database with the trail's services over the real store, as one replica sees them. */
export interface TrailDb {
  db: TestDatabase;
  sql: ClosableSqlClient;
  keys: TrailKeys;
  store: PgTrailStore;
  writer: ChainedTrailWriter;
  verifier: TrailVerifier;
  checkpoints: TrailCheckpointService;
  /** Runs SQL as the superuser of the server with the trail's triggers off: what an attacker with full access could do. */
  tamper(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
}

export async function openTrailDb(keys = testTrailKeys()): Promise<TrailDb> {
  const db = await createTestDatabase();
  const sql = await openSqlClient({ url: db.url, dataDir: '' });
  const store = new PgTrailStore(sql);
  return {
    db,
    sql,
    keys,
    store,
    writer: new ChainedTrailWriter(store, keys.pseudonymKey),
    verifier: new TrailVerifier(store, keys),
    checkpoints: new TrailCheckpointService(store, keys),
    async tamper(sql, params = []) {
      const admin = await connectAdmin(db.url);
      try {
        await admin.query('BEGIN');
        // session_replication_role = replica turns user triggers off; only a superuser may set it.
        await admin.query(`SET LOCAL session_replication_role = replica`);
        await admin.query(sql, params);
        await admin.query('COMMIT');
      } finally {
        await admin.end();
      }
    },
    async close() {
      await sql.close().catch(() => undefined);
      await db.drop();
    },
  };
}

export function syncRunEntry(i: number, at?: Date): TrailRecordInput {
  return {
    action: 'sync.succeeded',
    actor: { type: 'system', id: 'sync' },
    target: { type: 'directory', id: 'corp' },
    after: { accounts: i, groups: i % 7 },
    correlationId: `job-${i}`,
    at,
  };
}

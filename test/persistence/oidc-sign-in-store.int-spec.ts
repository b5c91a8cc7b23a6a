import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClosableSqlClient, PgOidcSignInStore, closeEmbeddedDatabase, openSqlClient } from '#vigie/persistence';
import { type TestDatabase, createTestDatabase } from '../support/database.js';

const PENDING = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1' };
const NOW = new Date();
const LATER = new Date(NOW.getTime() + 10 * 60_000);

/**
 * The pending OpenID Connect sign-ins on a real database: taken once, and not after they expire. (The store's DELETE …
 * RETURNING answers [rows, affected]; reading it as rows made every callback "not pending".)
 */
function pendingSignIns(open: () => Promise<ClosableSqlClient>, close: () => Promise<void>) {
  let sql: ClosableSqlClient;
  let sut: PgOidcSignInStore;

  beforeAll(async () => {
    sql = await open();
    sut = new PgOidcSignInStore(sql);
  });
  afterAll(close);

  it('gives the pending sign-in of a binding once', async () => {
    await sut.insert('binding-once', PENDING, LATER);
    await expect(sut.take('binding-once', NOW)).resolves.toEqual(PENDING);
    await expect(sut.take('binding-once', NOW)).resolves.toBeNull();
  });

  it('gives nothing for an unknown binding, nor for one past its expiry (and removes it)', async () => {
    await expect(sut.take('binding-unknown', NOW)).resolves.toBeNull();
    await sut.insert('binding-late', PENDING, LATER);
    await expect(sut.take('binding-late', LATER)).resolves.toBeNull();
    await sut.insert('binding-late', { ...PENDING, state: 'state-2' }, new Date('2999-01-01T00:00:00Z'));
    await expect(sut.take('binding-late', NOW)).resolves.toEqual({ ...PENDING, state: 'state-2' });
  });
}

describe('pending OpenID Connect sign-ins on PostgreSQL', () => {
  let db: TestDatabase;
  let sql: ClosableSqlClient;
  pendingSignIns(
    async () => {
      db = await createTestDatabase();
      return (sql = await openSqlClient({ url: db.url, dataDir: '' }));
    },
    async () => {
      await sql?.close();
      await db?.drop();
    },
  );
});

describe('pending OpenID Connect sign-ins on the embedded PGlite', () => {
  let dir: string;
  let sql: ClosableSqlClient;
  pendingSignIns(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'vigie-oidc-pending-'));
      return (sql = await openSqlClient({ dataDir: join(dir, 'data') }));
    },
    async () => {
      await sql?.close();
      await closeEmbeddedDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  );
});

import type { DataSource } from 'typeorm';
import { openDataSource } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('migrations on a real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openDataSource({ url: db.url, dataDir: '' });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('creates every table at start', async () => {
    const tables = (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map(
      (r: { table_name: string }) => r.table_name,
    );
    expect(tables).toEqual(
      expect.arrayContaining([
        'account',
        'api_token',
        'audit_run',
        'directory_group',
        'directory_object',
        'finding',
        'membership',
        'migrations',
        'policy_load_failure',
        'policy_version',
        'sign_in_attempt',
        'sync_change',
        'sync_membership_change',
        'sync_run',
        'sync_state',
        'trail_checkpoint',
        'trail_entry',
        'trail_head',
        'trail_person',
        'trail_personal',
        'trail_setting',
      ]),
    );
  });

  it('leaves nothing for schema sync to do: the migrations match the entities', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('is idempotent: opening again applies nothing new', async () => {
    const again = await openDataSource({ url: db.url, dataDir: '' });
    try {
      expect(await again.showMigrations()).toBe(false);
    } finally {
      await again.destroy();
    }
  });

  it('reverts cleanly, every migration in turn', async () => {
    const applied = await ds.query(`SELECT count(*)::int AS n FROM migrations`);
    for (let i = 0; i < applied[0].n; i++) await ds.undoLastMigration();
    expect((await ds.query(`SELECT count(*)::int AS n FROM migrations`))[0].n).toBe(0);
    const left = await ds.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`);
    expect(left[0].n).toBe(0);
    await ds.runMigrations();
  });
});

describe('an unreachable database', () => {
  it('fails with a message that says where and what to check, without the password', async () => {
    await expect(openDataSource({ url: 'postgres://vigie:hunter2@127.0.0.1:1/vigie', dataDir: '' })).rejects.toThrow(
      /cannot connect to PostgreSQL at 127\.0\.0\.1:1\/vigie: connection refused\. Check DATABASE_URL/,
    );
    await openDataSource({ url: 'postgres://vigie:hunter2@127.0.0.1:1/vigie', dataDir: '' }).catch((e: Error) => expect(e.message).not.toContain('hunter2'));
  });
});

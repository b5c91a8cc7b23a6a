import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vigie } from '#vigie/application';
import { closeEmbeddedDatabase } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';

const count = async (vigie: Vigie, sql: string, params: unknown[] = []) => Number((await (await vigie.dependencies.database()).query(sql, params))[0].n);

/**
 * The composition root's unit of work, on both databases: one transaction for a use case's rows and its trail
 * entries, a held transaction where the database can keep one open beside other statements, and one pool.
 */
describe.each([
  ['PostgreSQL', true],
  ['the embedded PGlite', false],
])('the unit of work on %s', (_label, postgres) => {
  let db: TestDatabase | undefined;
  let dir: string | undefined;
  let vigie: Vigie;

  beforeAll(async () => {
    if (postgres) db = await createTestDatabase();
    else dir = mkdtempSync(join(tmpdir(), 'vigie-uow-'));
    vigie = testVigie(db ? { url: db.url } : { dataDir: join(dir!, 'data') });
  });

  afterAll(async () => {
    await vigie?.close();
    if (db) await db.drop();
    else await closeEmbeddedDatabase();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('commits a token and its trail entry together, and neither when the work fails after writing both', async () => {
    const uow = await vigie.dependencies.unitOfWork();
    const tokens = await count(vigie, `SELECT count(*) AS n FROM api_token`);
    const entries = await count(vigie, `SELECT count(*) AS n FROM trail_entry WHERE action = 'api-token.created'`);
    await expect(
      uow.run(async ({ tokens: store, trail }) => {
        const record = await store.insert({ name: 'doomed', role: 'auditor', tokenHash: 'f'.repeat(64), expiresAt: null });
        await trail.record({ action: 'api-token.created', target: { type: 'api-token', id: record.id } });
        throw new Error('the work failed after both writes');
      }),
    ).rejects.toThrow('the work failed after both writes');
    expect(await count(vigie, `SELECT count(*) AS n FROM api_token`)).toBe(tokens);
    expect(await count(vigie, `SELECT count(*) AS n FROM trail_entry WHERE action = 'api-token.created'`)).toBe(entries);

    const { record } = await vigie.run('create-token', { name: 'kept', role: 'auditor' });
    expect(await count(vigie, `SELECT count(*) AS n FROM api_token WHERE id = $1`, [record.id])).toBe(1);
    expect(await count(vigie, `SELECT count(*) AS n FROM trail_entry WHERE action = 'api-token.created' AND target_id = $1`, [record.id])).toBe(1);
    // The chain still verifies: the rolled-back entry left no gap.
    expect((await vigie.run('verify-trail', {})).ok).toBe(true);
  });

  it(
    postgres
      ? 'holds a transaction open beside other statements, landing only at commit'
      : 'holds no transaction open: the single session would block everything else',
    async () => {
      const uow = await vigie.dependencies.unitOfWork();
      const held = await uow.hold();
      if (!postgres) {
        expect(held).toBeNull();
        return;
      }
      expect(held).not.toBeNull();
      const record = await held!.tx.tokens.insert({ name: 'held', role: 'auditor', tokenHash: 'e'.repeat(64), expiresAt: null });
      // Other statements run meanwhile, on the pool, and do not see it yet.
      expect(await count(vigie, `SELECT count(*) AS n FROM api_token WHERE id = $1`, [record.id])).toBe(0);
      await held!.commit();
      expect(await count(vigie, `SELECT count(*) AS n FROM api_token WHERE id = $1`, [record.id])).toBe(1);
    },
  );

  it('refuses, at once, a statement on the root client from inside one of its transactions', async () => {
    const uow = await vigie.dependencies.unitOfWork();
    const db2 = await vigie.dependencies.database();
    await expect(uow.run(async () => db2.query('SELECT 1'))).rejects.toThrow(/from inside a transaction opened on that same client/);
  });

  it('writes a job with the transaction: none when the work fails after enqueueing, one when it commits', async () => {
    const uow = await vigie.dependencies.unitOfWork();
    await expect(uow.run(async ({ jobs }) => jobs.enqueue('scheduled.audit', {}))).rejects.toThrow(/the job queue is not started/);
    await vigie.dependencies.jobQueue();
    const jobsOf = (key: string) => count(vigie, `SELECT count(*) AS n FROM pgboss.job WHERE name = 'scheduled.audit' AND singleton_key = $1`, [key]);
    await expect(
      uow.run(async ({ jobs, tokens }) => {
        await tokens.insert({ name: 'decided', role: 'auditor', tokenHash: 'd'.repeat(64), expiresAt: null });
        await jobs.enqueue('scheduled.audit', {}, { singletonKey: 'rolled-back' });
        throw new Error('the decision failed after its outbox');
      }),
    ).rejects.toThrow('the decision failed after its outbox');
    expect(await jobsOf('rolled-back')).toBe(0);
    await uow.run(({ jobs }) => jobs.enqueue('scheduled.audit', {}, { singletonKey: 'committed' }));
    expect(await jobsOf('committed')).toBe(1);
  });
});

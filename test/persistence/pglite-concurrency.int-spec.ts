import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { closeEmbeddedDatabase, openDataSource } from '#vigie/persistence';
import { ApiTokenEntity } from '#vigie/persistence/testing';

/**
 * PGlite has one session for the whole process. Without the FIFO lease in closeEmbeddedDatabase, a
 * ROLLBACK in one transaction discarded another transaction's committed insert (the trap in the stack notes).
 */
describe('embedded PostgreSQL (PGlite) under concurrent transactions', () => {
  let dir: string;
  let ds: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-pglite-'));
    ds = await openDataSource({ dataDir: join(dir, 'data') });
  });

  afterAll(async () => {
    await ds?.destroy();
    await closeEmbeddedDatabase();
    rmSync(dir, { recursive: true, force: true });
  });

  const token = (name: string) => ({ name, role: 'auditor', tokenHash: createHash('sha256').update(name).digest('hex') });
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('keeps a committed transaction when another one rolls back at the same time', async () => {
    const committed = ds.transaction(async (m) => {
      await m.insert(ApiTokenEntity, token('committed'));
      await pause(30);
    });
    const rolledBack = ds
      .transaction(async (m) => {
        await m.insert(ApiTokenEntity, token('rolledback'));
        await pause(10);
        throw new Error('abort');
      })
      .catch((e: Error) => e.message);

    const [, outcome] = await Promise.all([committed, rolledBack]);
    expect(outcome).toBe('abort');
    const names = (await ds.getRepository(ApiTokenEntity).find()).map((t) => t.name).sort();
    expect(names).toEqual(['committed']);
  });

  it("does not let a transaction see another one's uncommitted rows", async () => {
    let seenInside = -1;
    const writer = ds
      .transaction(async (m) => {
        await m.insert(ApiTokenEntity, token('pending'));
        await pause(30);
        throw new Error('abort');
      })
      .catch(() => undefined);
    const reader = (async () => {
      await pause(5);
      seenInside = await ds.getRepository(ApiTokenEntity).count({ where: { name: 'pending' } });
    })();
    await Promise.all([writer, reader]);
    expect(seenInside).toBe(0);
  });

  it('runs many concurrent statements without losing any', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => ds.getRepository(ApiTokenEntity).insert(token(`bulk-${i}`))));
    expect(await ds.getRepository(ApiTokenEntity).count()).toBe(26);
  });

  it("keeps its data across a restart of the process's database", async () => {
    await ds.destroy();
    await closeEmbeddedDatabase();
    ds = await openDataSource({ dataDir: join(dir, 'data') });
    expect(await ds.getRepository(ApiTokenEntity).count()).toBe(26);
  });
});

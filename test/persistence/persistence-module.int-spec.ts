import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadConfig } from '#vigie/config';
import { SnapshotStore } from '#vigie/identity';
import { PersistenceModule, SerialisedPglitePool } from '#vigie/persistence';
import { TrailStore } from '#vigie/trail';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { trailKeyEnv } from '../support/trail.js';

async function appOn(env: Record<string, string>): Promise<INestApplicationContext> {
  const config = loadConfig({ env: { ...trailKeyEnv(), ...env }, file: undefined, cwd: tmpdir() });
  @Module({ imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot()] })
  class Root {}
  return NestFactory.createApplicationContext(Root, { logger: false, abortOnError: false });
}

/**
 * The applications (API, worker, CLI commands) get the sync's and the trail's stores on what `vigie sync` runs them
 * on: on PostgreSQL a pg pool, which writes a first picture while reading and chains a sync's trail entries beside
 * its commit; on the embedded database, its single connection, which can do neither.
 */
describe('the stores the application gets', () => {
  it('on PostgreSQL: can write a first picture while reading and hold a trail transaction beside a commit', async () => {
    const db: TestDatabase = await createTestDatabase();
    const app = await appOn({ DATABASE_URL: db.url });
    try {
      const writer = await app.get(SnapshotStore).openFirstPicture('corp', '00000000-0000-4000-8000-000000000001');
      expect(writer).not.toBeNull();
      await writer!.abort();
      const tx = await app.get(TrailStore).openTransaction();
      expect(tx).not.toBeNull();
      await tx!.rollback();
    } finally {
      await app.close();
      await db.drop();
    }
  });

  it('on the embedded database: neither, and the same stores otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigie-module-'));
    const app = await appOn({ VIGIE_DATA_DIR: join(dir, 'data') });
    try {
      expect(await app.get(SnapshotStore).openFirstPicture('corp', '00000000-0000-4000-8000-000000000001')).toBeNull();
      expect(await app.get(TrailStore).openTransaction()).toBeNull();
      // The trail works there as everywhere: the migrations created each chain's head.
      expect((await app.get(TrailStore).heads()).map((h) => [h.chain, h.seq])).toEqual([['access', 0], ['change', 0], ['operation', 0]]);
    } finally {
      await app.close();
      await SerialisedPglitePool.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

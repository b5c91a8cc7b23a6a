import { randomUUID } from 'node:crypto';
import type { VigieConfig } from '#vigie/config/core';
import type { SyncLogger, SyncService } from '#vigie/identity';
import { type JobLock, PgSqlClient } from '#vigie/persistence/core';

export interface SyncContext {
  sync: SyncService;
  lock: JobLock;
}

/**
 * Runs `fn` with the sync wired straight to PostgreSQL, without Nest and TypeORM: their import and
 * boot take longer than an incremental sync of 100k entries (docs/performance.md). Returns
 * undefined, without running fn, when this short path does not apply: the embedded database, or a
 * schema with migrations to apply; the caller then starts the application, which handles both.
 */
export async function withSyncContext<T>(config: VigieConfig, fn: (ctx: SyncContext) => Promise<T>): Promise<{ value: T } | undefined> {
  if (!config.database.url) return undefined;
  // PostgreSQL starts a process for the connection meanwhile: the sync's own modules load while it does.
  const connecting = PgSqlClient.connect(config.database);
  connecting.catch(() => undefined);
  const [
    { DefaultDirectoryReader },
    { SyncService },
    { DeferredLoggerService },
    { AdvisoryJobLock, TypeormSnapshotStore, TypeormSyncRunStore, TypeormTrailStore, migrationsApplied },
    { ChainedTrailWriter, TrailContext, checkLogRetention, openTrailKeys },
  ] = await Promise.all([import('#vigie/directory'), import('#vigie/identity'), import('#vigie/logging'), import('#vigie/persistence/core'), import('#vigie/trail')]);
  const db = await connecting;
  try {
    if (!(await migrationsApplied(db))) return undefined;
    // pino is loaded at the first line written, if any: at the one-shot default level, errors only, most runs write none.
    const log = new DeferredLoggerService({ level: config.log.level, fd: 2 });
    const logger = (context: string): SyncLogger => ({
      log: (m) => log.log(m, context),
      warn: (m) => log.warn(m, context),
      error: (m) => log.error(m, context),
      debug: (m) => log.debug(m, context),
    });
    // What the application checks at start, for the trail this command writes.
    const trailStore = new TypeormTrailStore(db);
    const keys = await openTrailKeys(config.trail, trailStore, (file) =>
      log.warn({ msg: 'created a trail key on first start: back it up, and give every replica the same one', file }, 'Trail'),
    );
    for (const i of checkLogRetention(config.trail.retention, await trailStore.oldestEntryTimes())) log.warn({ msg: i.message, rule: i.rule, kind: i.kind }, 'Trail');
    const sync = new SyncService(
      new DefaultDirectoryReader(),
      new TypeormSnapshotStore(db, logger(TypeormSnapshotStore.name)),
      new TypeormSyncRunStore(db),
      new ChainedTrailWriter(trailStore, keys.pseudonymKey),
      logger(SyncService.name),
    );
    // As withCliContext: one command is one job in the trail, its actor the command line.
    const value = await TrailContext.run({ correlationId: randomUUID(), actor: { type: 'system', id: 'cli' } }, () => fn({ sync, lock: new AdvisoryJobLock(db) }));
    return { value };
  } finally {
    await db.close();
  }
}

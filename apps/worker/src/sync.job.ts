import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { selectDirectories, syncSettingsFor } from '#vigie/application';
import { AppConfig } from '#vigie/config';
import type { SyncMode } from '#vigie/identity';
import { SyncService } from '#vigie/identity';
import { JobLock } from '#vigie/persistence';
import { TrailContext } from '#vigie/trail';

/**
 * Sync of every configured directory, one replica at a time per directory: the nightly full sync,
 * and the incremental one every few minutes (which a running full sync makes skip). A failure is
 * logged and recorded, never thrown at the scheduler.
 */
@Injectable()
export class SyncJob {
  private readonly logger = new Logger(SyncJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly sync: SyncService,
    private readonly lock: JobLock,
  ) {}

  async run(mode: SyncMode = 'full'): Promise<void> {
    const directories = this.config.value.directories;
    if (!directories.length) return;
    for (const source of selectDirectories(directories)) {
      try {
        const job = { correlationId: randomUUID(), actor: { type: 'system' as const, id: 'sync' } };
        const ran = await TrailContext.run(job, () =>
          this.lock.runExclusive(`sync:${source.name}`, async () => {
            // 'auto': an incremental tick still runs full when there is no usable watermark yet.
            await this.sync.sync(source, { mode: mode === 'full' ? 'full' : 'auto', ...syncSettingsFor(directories, source.name) });
          }),
        );
        if (!ran) this.logger.log({ msg: 'sync already running elsewhere; skipped', directory: source.name, mode });
      } catch (err) {
        this.logger.error({ msg: 'scheduled sync failed', directory: source.name, mode, err });
      }
    }
  }
}

import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { TrailContext } from '#vigie/trail';
import { selectDirectories } from '#vigie/application';
import { AppConfig } from '#vigie/config';
import { SyncService } from '#vigie/identity';
import { JobLock } from '#vigie/persistence';

/** Full sync of every configured directory, one replica at a time per directory. A failure is logged and recorded, never thrown at the scheduler. */
@Injectable()
export class SyncJob {
  private readonly logger = new Logger(SyncJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly sync: SyncService,
    private readonly lock: JobLock,
  ) {}

  async run(): Promise<void> {
    if (!this.config.value.directories.length) return;
    for (const source of selectDirectories(this.config.value.directories)) {
      try {
        const job = { correlationId: randomUUID(), actor: { type: 'system' as const, id: 'sync' } };
        const ran = await TrailContext.run(job, () => this.lock.runExclusive(`sync:${source.name}`, async () => {
          await this.sync.sync(source);
        }));
        if (!ran) this.logger.log({ msg: 'sync already running elsewhere; skipped', directory: source.name });
      } catch (err) {
        this.logger.error({ msg: 'scheduled sync failed', directory: source.name, err });
      }
    }
  }
}

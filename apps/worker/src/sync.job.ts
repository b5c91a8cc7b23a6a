import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { selectDirectories, syncSettingsFor } from '#vigie/application';
import { AppConfig } from '#vigie/config';
import type { SyncMode, SyncResult } from '#vigie/identity';
import { SyncService } from '#vigie/identity';
import { JobLock } from '#vigie/persistence';
import { TrailContext } from '#vigie/trail';
import { AuditJob } from './audit.job.js';

/**
 * Sync of every configured directory, one replica at a time per directory: the nightly full sync,
 * and the incremental one every few minutes (which a running full sync makes skip). A failure is
 * logged and recorded, never thrown at the scheduler. When a run saw something change, the audit
 * follows at once (scheduler.auditAfterChanges): a new privileged member must not wait for the night.
 */
@Injectable()
export class SyncJob {
  private readonly logger = new Logger(SyncJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly sync: SyncService,
    private readonly lock: JobLock,
    private readonly audit: AuditJob,
  ) {}

  async run(mode: SyncMode = 'full'): Promise<void> {
    const directories = this.config.value.directories;
    if (!directories.length) return;
    const changed: string[] = [];
    for (const source of selectDirectories(directories)) {
      try {
        const job = { correlationId: randomUUID(), actor: { type: 'system' as const, id: 'sync' } };
        let result: SyncResult | undefined;
        const ran = await TrailContext.run(job, () =>
          this.lock.runExclusive(`sync:${source.name}`, async () => {
            // 'auto': an incremental tick still runs full when there is no usable watermark yet.
            result = await this.sync.sync(source, { mode: mode === 'full' ? 'full' : 'auto', ...syncSettingsFor(directories, source.name) });
          }),
        );
        if (!ran) this.logger.log({ msg: 'sync already running elsewhere; skipped', directory: source.name, mode });
        if (result && sawChanges(result)) changed.push(source.name);
      } catch (err) {
        this.logger.error({ msg: 'scheduled sync failed', directory: source.name, mode, err });
      }
    }
    if (changed.length && this.config.value.scheduler.auditAfterChanges) {
      this.logger.log({ msg: 'directories changed; auditing now', directories: changed });
      await this.audit.run();
    }
  }
}

/** A baseline records no change; membership removals alone cannot raise a finding that needs telling at once. */
function sawChanges(result: SyncResult): boolean {
  const s = result.stats;
  return !s.baseline && s.added + s.modified + s.moved + s.membershipsAdded > 0;
}

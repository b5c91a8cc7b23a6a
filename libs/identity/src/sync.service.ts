import { Injectable, Logger } from '@nestjs/common';
import { type DirectorySource, DirectoryReader } from '#vigie/directory';
import { TrailContext, TrailWriter } from '#vigie/trail';
import { collectSnapshot } from './snapshot-builder.js';
import { SnapshotStore } from './ports/snapshot.store.js';
import { SyncRunStore } from './ports/sync-run.store.js';
import type { SyncStats } from './sync-run.model.js';

export interface SyncResult {
  runId: string;
  directory: string;
  stats: SyncStats;
  durationMs: number;
}

export interface SyncProgress {
  entries: number;
}

/**
 * Full synchronisation of one directory: read every entry, map it, and replace the stored picture
 * at once. A run is recorded before reading starts, so a failure is kept with its reason while the
 * previous picture stays in place.
 */
@Injectable()
export class SyncService {
  private readonly logger = new Logger(SyncService.name);

  constructor(
    private readonly reader: DirectoryReader,
    private readonly snapshots: SnapshotStore,
    private readonly runs: SyncRunStore,
    private readonly trail: TrailWriter,
  ) {}

  async sync(source: DirectorySource, onProgress?: (p: SyncProgress) => void): Promise<SyncResult> {
    const started = Date.now();
    const runId = await this.runs.start(source.name, 'full');
    // The job's id when a job runs this (scheduler, CLI command), else the run itself.
    const correlationId = TrailContext.current().correlationId ?? runId;
    const trailOf = (action: string, extra: { after?: unknown; reason?: string }) =>
      this.trail.record({ action, actor: { type: 'system', id: 'sync' }, target: { type: 'directory', id: source.name }, correlationId, ...extra });
    await trailOf('sync.started', { after: { runId, mode: 'full' } });
    const stats: SyncStats = { entries: 0, accounts: 0, groups: 0, memberships: 0, unresolvedMembers: 0, skipped: 0 };
    try {
      const { data, stats: collected } = await collectSnapshot(source.name, this.reader.read(source), onProgress);
      Object.assign(stats, collected);
      await this.snapshots.replace(source.name, data, runId);
      await this.runs.succeed(runId, stats);
      await trailOf('sync.succeeded', { after: { runId, ...stats } });
      const durationMs = Date.now() - started;
      this.logger.log({ msg: 'sync succeeded', directory: source.name, runId, durationMs, ...stats });
      return { runId, directory: source.name, stats, durationMs };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await this.runs.fail(runId, reason, stats).catch((e) => this.logger.error(`could not record the failed run ${runId}: ${e}`));
      await trailOf('sync.failed', { after: { runId, ...stats }, reason }).catch((e) => this.logger.error(`could not record the failed run ${runId} in the trail: ${e}`));
      this.logger.warn({ msg: 'sync failed; the previous picture is kept', directory: source.name, runId, reason });
      throw err;
    }
  }
}

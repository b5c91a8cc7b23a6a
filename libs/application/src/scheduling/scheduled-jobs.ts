import { isVigieError } from '#vigie/common';
import type { VigieLogger } from '#vigie/logging';
import type { Vigie } from '../composition/create-vigie.js';

/**
 * What the clock starts: each job runs a use case as a system actor (its name in the trail), logs what happened and
 * never throws at the scheduler. A job another process is running is skipped (the use cases take the locks).
 */
export class ScheduledJobs {
  constructor(
    private readonly vigie: Pick<Vigie, 'run' | 'config'>,
    private readonly logger: VigieLogger,
  ) {}

  /**
   * Every configured directory, full or incremental. When a run saw something change, the audit follows at once
   * (scheduler.auditAfterChanges): a new privileged member must not wait for the night.
   */
  async sync(mode: 'full' | 'incremental'): Promise<void> {
    if (!this.vigie.config.directories.length) return;
    try {
      // 'auto': an incremental tick still runs full when there is no usable watermark yet.
      const { outcomes, changed } = await this.vigie.run(
        'sync-directories',
        { mode: mode === 'full' ? 'full' : 'auto' },
        { actor: { type: 'system', id: 'sync' } },
      );
      for (const o of outcomes) {
        if (o.status === 'busy') this.logger.log({ msg: 'sync already running elsewhere; skipped', directory: o.directory, mode });
        if (o.status === 'failed') this.logger.error({ msg: 'scheduled sync failed', directory: o.directory, mode, err: o.error });
      }
      if (changed.length && this.vigie.config.scheduler.auditAfterChanges) {
        this.logger.log({ msg: 'directories changed; auditing now', directories: changed });
        await this.audit();
      }
    } catch (err) {
      this.logger.error({ msg: 'scheduled sync failed', mode, err });
    }
  }

  /** The nightly audit, once across replicas. */
  async audit(): Promise<void> {
    try {
      await this.vigie.run('run-audit', {}, { actor: { type: 'system', id: 'audit' } });
    } catch (err) {
      if (isVigieError(err) && err.kind === 'conflict') this.logger.log({ msg: 'audit already running elsewhere; skipped' });
      else this.logger.error({ msg: 'scheduled audit failed', err });
    }
  }

  /** Signs the heads of the trail into checkpoints. */
  async checkpoint(): Promise<void> {
    try {
      const { ran, checkpoints } = await this.vigie.run('checkpoint-trail', { reason: 'interval' }, { actor: { type: 'system', id: 'trail-checkpoint' } });
      if (!ran) this.logger.log('trail-checkpoint already running elsewhere; skipped');
      else if (checkpoints.length) this.logger.log({ msg: 'trail checkpoints signed', checkpoints: checkpoints.map((c) => `${c.chain}@${c.seq}`) });
    } catch (err) {
      this.logger.error({ msg: 'scheduled trail-checkpoint failed', err });
    }
  }

  /** Summarises the windows of failed sign-ins that closed, and drops the counters past use (every minute). */
  async sweepSignInAttempts(): Promise<void> {
    try {
      const { summarised, purged, sessionsPurged } = await this.vigie.run('sweep-sign-in-attempts', {}, { actor: { type: 'system', id: 'sign-in-attempts' } });
      if (summarised || purged || sessionsPurged) this.logger.log({ msg: 'failed sign-ins and ended sessions swept', summarised, purged, sessionsPurged });
    } catch (err) {
      this.logger.error({ msg: 'scheduled sweep of failed sign-ins failed', err });
    }
  }

  /** Ends grants past their end, expires undecided requests, reminds and escalates waiting stages (every minute). */
  async sweepAccessRequests(): Promise<void> {
    try {
      const swept = await this.vigie.run('sweep-access-requests', {}, { actor: { type: 'system', id: 'access-requests' } });
      if (swept.ending || swept.expired || swept.reminded || swept.escalated) this.logger.log({ msg: 'access requests swept', ...swept });
    } catch (err) {
      this.logger.error({ msg: 'scheduled sweep of access requests failed', err });
    }
  }

  /** Hands the HR events whose effective time came, and the follow-ups now due, to their queues (every minute). */
  async sweepHrEvents(): Promise<void> {
    try {
      const swept = await this.vigie.run('sweep-hr-events', {}, { actor: { type: 'system', id: 'hr' } });
      if (swept.events || swept.followUps) this.logger.log({ msg: 'HR events swept', ...swept });
    } catch (err) {
      this.logger.error({ msg: 'scheduled sweep of HR events failed', err });
    }
  }

  /** Removes what is past retention. */
  async prune(): Promise<void> {
    try {
      const { ran, results } = await this.vigie.run('prune-trail', {}, { actor: { type: 'system', id: 'trail-prune' } });
      if (!ran) this.logger.log('trail-prune already running elsewhere; skipped');
      for (const r of results.filter((x) => x.removed)) this.logger.log({ msg: 'trail pruned', chain: r.chain, uptoSeq: r.uptoSeq, removed: r.removed });
    } catch (err) {
      this.logger.error({ msg: 'scheduled trail-prune failed', err });
    }
  }
}

import { Injectable } from '@nestjs/common';
import { type LogRetentionFact, LogRetentionSource } from '#vigie/audit';
import { AppConfig } from '#vigie/config';
import { TRAIL_KINDS, type TrailKind, TrailStore } from '#vigie/trail';

const WHAT: Record<TrailKind, string> = {
  access: 'sign-ins and failed sign-ins to Vigie',
  change: 'changes to directories, tokens, configuration and findings',
  operation: 'job runs: syncs, audits, policy loads',
};

/**
 * Tells the audit what the trail keeps (R-LOG-RETENTION): each kind's configured retention and its oldest entry.
 * The audit library judges it against the policy; the trail's own start-up check (TrailRetentionCheck) stays.
 */
@Injectable()
export class TrailLogRetentionSource extends LogRetentionSource {
  constructor(
    private readonly cfg: AppConfig,
    private readonly store: TrailStore,
  ) {
    super();
  }

  async load(): Promise<LogRetentionFact[]> {
    const oldest = await this.store.oldestEntryTimes();
    return TRAIL_KINDS.map((kind) => {
      const { days, justification } = this.cfg.value.trail.retention[kind];
      return {
        log: `trail:${kind}`,
        description: WHAT[kind],
        retentionDays: days,
        justification: justification ?? null,
        setting: `trail.retention.${kind}.days`,
        oldestEntry: oldest[kind] ?? null,
      };
    });
  }
}

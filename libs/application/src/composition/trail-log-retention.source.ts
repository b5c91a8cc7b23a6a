import type { LogRetentionFact, LogRetentionSource } from '#vigie/audit';
import type { TrailConfig } from '#vigie/config';
import { TRAIL_KINDS, type TrailKind, type TrailStore } from '#vigie/trail';

const WHAT: Record<TrailKind, string> = {
  access: 'sign-ins and failed sign-ins to Vigie',
  change: 'changes to directories, tokens, configuration and findings',
  operation: 'job runs: syncs, audits, policy loads',
};

/**
 * Tells the audit what the trail keeps (R-LOG-RETENTION): each kind's configured retention and its oldest entry.
 * The audit library judges it against the policy.
 */
export class TrailLogRetentionSource implements LogRetentionSource {
  constructor(
    private readonly retention: TrailConfig['retention'],
    private readonly store: TrailStore,
  ) {}

  async load(): Promise<LogRetentionFact[]> {
    const oldest = await this.store.oldestEntryTimes();
    return TRAIL_KINDS.map((kind) => {
      const { days, justification } = this.retention[kind];
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

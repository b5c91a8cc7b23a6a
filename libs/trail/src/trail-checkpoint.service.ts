import { type Checkpoint, type CheckpointReason, signCheckpoint } from './checkpoint.js';
import { type CheckpointPublication, NO_PUBLICATION } from './publication/checkpoint-publication.js';
import { TrailStore } from './ports/trail.store.js';
import type { TrailKind } from './trail-entry.model.js';
import type { TrailKeys } from './trail-keys.js';

/**
 * Signs the heads of the chains into checkpoints, stores them, then publishes them outside the database (the worker
 * on a schedule, every process after a use case that wrote entries, `vigie audit-log checkpoint` on demand).
 */
export class TrailCheckpointService {
  constructor(
    private readonly store: TrailStore,
    private readonly keys: TrailKeys,
    private readonly publication: CheckpointPublication = NO_PUBLICATION,
  ) {}

  /** One checkpoint per chain whose head moved since its last checkpoint (every chain for `manual`). */
  async checkpointHeads(reason: CheckpointReason = 'interval', now = new Date()): Promise<Checkpoint[]> {
    const [heads, latest] = await Promise.all([this.store.heads(), this.store.latestCheckpoints()]);
    const made: Checkpoint[] = [];
    for (const head of heads) {
      if (head.seq === 0) continue;
      const last = latest.find((c) => c.chain === head.chain);
      if (reason !== 'manual' && last?.seq === head.seq && last.keyId === this.keys.keyId) continue;
      const c = signCheckpoint(this.keys, head, reason, now);
      await this.store.insertCheckpoint(c);
      made.push(c);
    }
    await this.publication.publish(made);
    return made;
  }

  /** Signs, stores and publishes one checkpoint (pruning and export state the entry they stop at). */
  async checkpointAt(chain: TrailKind, seq: number, hash: string, reason: CheckpointReason, now = new Date()): Promise<Checkpoint> {
    const c = signCheckpoint(this.keys, { chain, seq, hash }, reason, now);
    await this.store.insertCheckpoint(c);
    await this.publication.publish([c]);
    return c;
  }
}

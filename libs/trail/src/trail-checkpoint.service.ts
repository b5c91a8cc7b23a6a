import { type Checkpoint, type CheckpointReason, signCheckpoint } from './checkpoint.js';
import { TrailStore } from './ports/trail.store.js';
import type { TrailKind } from './trail-entry.model.js';
import type { TrailKeys } from './trail-keys.js';

/** Signs the heads of the chains into checkpoints (the worker does it on a schedule; `vigie audit-log checkpoint` on demand). */
export class TrailCheckpointService {
  constructor(
    private readonly store: TrailStore,
    private readonly keys: TrailKeys,
  ) {}

  /** One checkpoint per chain whose head moved since its last checkpoint. */
  async checkpointHeads(reason: CheckpointReason = 'interval', now = new Date()): Promise<Checkpoint[]> {
    const [heads, existing] = await Promise.all([this.store.heads(), this.store.checkpoints()]);
    const made: Checkpoint[] = [];
    for (const head of heads) {
      if (head.seq === 0) continue;
      const latest = existing.filter((c) => c.chain === head.chain).sort((a, b) => b.seq - a.seq)[0];
      if (reason === 'interval' && latest?.seq === head.seq) continue;
      made.push(await this.checkpointAt(head.chain, head.seq, head.hash, reason, now));
    }
    return made;
  }

  async checkpointAt(chain: TrailKind, seq: number, hash: string, reason: CheckpointReason, now = new Date()): Promise<Checkpoint> {
    const c = signCheckpoint(this.keys, { chain, seq, hash }, reason, now);
    await this.store.insertCheckpoint(c);
    return c;
  }
}

import type { TrailConfig } from '#vigie/config';
import { verifyChain } from './chain-verifier.js';
import { checkpointSignatureValid, describeCheckpoint } from './checkpoint.js';
import { type CheckpointPublication, NO_PUBLICATION } from './publication/checkpoint-publication.js';
import { TrailCheckpointService } from './trail-checkpoint.service.js';
import { TrailStore } from './ports/trail.store.js';
import { GENESIS_HASH, type StoredEntry, TRAIL_KINDS, type TrailKind } from './trail-entry.model.js';
import { type TrailKeys, rawPublicKey } from './trail-keys.js';
import { readTrailTrust } from './trail-trust.service.js';
import type { TrailWriter } from './trail-writer.js';
import { TrailUsageError } from './trail.errors.js';

export interface PruneResult {
  chain: TrailKind;
  retentionDays: number;
  /** Entries up to this seq were removed (null: nothing was old enough). */
  uptoSeq: number | null;
  removed: number;
  checkpointId: string | null;
}

/**
 * The one pruning path: for each kind, sign a checkpoint of the last entry past retention, then remove the
 * entries up to it through the database function that checks that checkpoint. What remains verifies from it.
 * The part to remove is verified first: pruning never erases the evidence of tampering.
 */
export class TrailPruneService {
  constructor(
    private readonly store: TrailStore,
    private readonly keys: TrailKeys,
    private readonly writer: TrailWriter,
    private readonly retention: TrailConfig['retention'],
    private readonly publication: CheckpointPublication = NO_PUBLICATION,
  ) {}

  async prune(options: { now?: Date; chains?: TrailKind[] } = {}): Promise<PruneResult[]> {
    const now = options.now ?? new Date();
    const results: PruneResult[] = [];
    for (const chain of options.chains ?? TRAIL_KINDS) {
      const days = this.retention[chain].days;
      const cutoff = new Date(now.getTime() - days * 86_400_000);
      const keepFrom = await this.store.firstSeqAtOrAfter(chain, cutoff);
      const head = (await this.store.heads()).find((h) => h.chain === chain);
      const uptoSeq = keepFrom === null ? (head?.seq ?? 0) : keepFrom - 1;
      const first = await this.store.firstSeq(chain);
      if (first === null || uptoSeq < first) {
        results.push({ chain, retentionDays: days, uptoSeq: null, removed: 0, checkpointId: null });
        continue;
      }
      await this.verifyRange(chain, first, uptoSeq);
      const last = await this.store.entryAt(chain, uptoSeq);
      if (!last) throw new TrailUsageError(`entry ${uptoSeq} of the ${chain} trail is missing: run \`vigie audit-log verify\``, 'conflict');
      // Published before the entries go: the outside copy then states where the remaining trail starts.
      const checkpoint = await new TrailCheckpointService(this.store, this.keys, this.publication).checkpointAt(chain, uptoSeq, last.hash, 'prune', now);
      const removed = await this.store.prune(chain, uptoSeq, checkpoint.id);
      await this.writer.record({
        action: 'trail.pruned',
        kind: 'change',
        actor: { type: 'system', id: 'retention' },
        target: { type: 'trail', id: chain },
        after: { uptoSeq, removed, retentionDays: days, checkpointId: checkpoint.id },
        reason: `retention of ${days} days for ${chain} entries`,
      });
      results.push({ chain, retentionDays: days, uptoSeq, removed, checkpointId: checkpoint.id });
    }
    return results;
  }

  private async verifyRange(chain: TrailKind, first: number, uptoSeq: number): Promise<void> {
    let anchor = { seq: 0, hash: GENESIS_HASH, label: 'the start of the chain' };
    if (first > 1) {
      const cp = (await this.store.checkpoints(chain)).find((c) => c.seq === first - 1 && checkpointSignatureValid(c));
      if (!cp)
        throw new TrailUsageError(
          `the ${chain} trail starts at entry ${first} without a checkpoint of entry ${first - 1}: run \`vigie audit-log verify\` before pruning`,
          'conflict',
        );
      anchor = { seq: cp.seq, hash: cp.hash, label: describeCheckpoint(cp) };
    }
    const store = this.store;
    const rows = async function* (): AsyncIterable<StoredEntry> {
      let last = anchor.seq;
      for (;;) {
        const batch = await store.readAfter(chain, last, 10_000, uptoSeq);
        if (!batch.length) return;
        yield* batch;
        last = batch[batch.length - 1].seq;
      }
    };
    // Erasures signed by this process's key, or one it rotated from: a blank personal part elsewhere stops the pruning.
    const trust = await readTrailTrust(store, [rawPublicKey(this.keys.publicKey).toString('base64')]);
    const report = await verifyChain({
      chain,
      anchor,
      rows: rows(),
      checkpoints: [],
      head: null,
      followerOf: (h) => store.followerOf(chain, h),
      erased: (seq) => trust.erased(chain, seq),
    });
    if (report.problem)
      throw new TrailUsageError(
        `not pruning the ${chain} trail: ${report.problem.message}. Keep the evidence and investigate (\`vigie audit-log verify\`).`,
        'conflict',
      );
  }
}

import { type ChainAnchor, type ChainReport, type CheckpointRef, type TrailProblem, verifyChain } from './chain-verifier.js';
import { type Checkpoint, checkpointSignatureValid, describeCheckpoint } from './checkpoint.js';
import { TrailStore } from './ports/trail.store.js';
import { GENESIS_HASH, type StoredEntry, TRAIL_KINDS, type TrailKind } from './trail-entry.model.js';
import type { TrailKeys } from './trail-keys.js';
import { TrailUsageError } from './trail.errors.js';

export interface TrailVerifyOptions {
  /** A checkpoint id (its chain is checked from there), or `latest` (every chain from its latest valid checkpoint). */
  from?: string;
  chains?: TrailKind[];
}

export interface TrailVerification {
  ok: boolean;
  chains: ChainReport[];
  /** The first problem of each chain, and checkpoints whose signature does not hold. */
  problems: TrailProblem[];
  checkpoints: { valid: number; invalid: string[]; otherKeys: string[] };
  durationMs: number;
}

const BATCH = 10_000;

/** `vigie audit-log verify`: checks signatures of checkpoints, then walks each chain from its anchor. */
export class TrailVerifier {
  constructor(
    private readonly store: TrailStore,
    private readonly keys: TrailKeys,
  ) {}

  async verify(options: TrailVerifyOptions = {}): Promise<TrailVerification> {
    const started = Date.now();
    const all = await this.store.checkpoints();
    const valid = all.filter((c) => checkpointSignatureValid(c));
    const invalid = all.filter((c) => !valid.includes(c));
    const problems: TrailProblem[] = invalid.map((c) => ({
      kind: 'checkpoint-invalid',
      chain: c.chain,
      seq: c.seq,
      message: `${describeCheckpoint(c)} has a signature that does not hold: it was forged or altered`,
    }));
    const otherKeys = [...new Set(valid.filter((c) => c.keyId !== this.keys.keyId).map((c) => c.keyId))];
    let fromCheckpoint: Checkpoint | null = null;
    if (options.from && options.from !== 'latest') {
      fromCheckpoint = all.find((c) => c.id === options.from) ?? null;
      if (!fromCheckpoint)
        throw new TrailUsageError(`no checkpoint with id ${options.from}: list them with \`vigie audit-log checkpoint --list\``, 'not-found');
      if (!valid.includes(fromCheckpoint))
        throw new TrailUsageError(`${describeCheckpoint(fromCheckpoint)} has an invalid signature: it cannot be a starting point`, 'conflict');
    }
    const chains = fromCheckpoint ? [fromCheckpoint.chain] : (options.chains ?? [...TRAIL_KINDS]);
    const heads = await this.store.heads();
    const reports: ChainReport[] = [];
    for (const chain of chains) {
      const own = valid.filter((c) => c.chain === chain).sort((a, b) => a.seq - b.seq);
      const anchorOrProblem = fromCheckpoint
        ? toAnchor(fromCheckpoint)
        : options.from === 'latest' && own.length
          ? toAnchor(own[own.length - 1])
          : await this.defaultAnchor(chain, own);
      if ('kind' in anchorOrProblem) {
        problems.push(anchorOrProblem);
        continue;
      }
      const anchor = anchorOrProblem;
      const head = heads.find((h) => h.chain === chain) ?? null;
      const report = await verifyChain({
        chain,
        anchor,
        rows: this.rows(chain, anchor.seq),
        checkpoints: own.map((c) => ({ id: c.id, seq: c.seq, hash: c.hash, label: describeCheckpoint(c) }) satisfies CheckpointRef),
        head: head && head.seq > anchor.seq ? head : null,
        followerOf: (hash) => this.store.followerOf(chain, hash),
      });
      reports.push(report);
      if (report.problem) problems.push(report.problem);
    }
    return {
      ok: problems.length === 0,
      chains: reports,
      problems,
      checkpoints: { valid: valid.length, invalid: invalid.map((c) => c.id), otherKeys },
      durationMs: Date.now() - started,
    };
  }

  /** The start of the chain, or after pruning the checkpoint of the last pruned entry. */
  private async defaultAnchor(chain: TrailKind, own: Checkpoint[]): Promise<ChainAnchor | TrailProblem> {
    const first = await this.store.firstSeq(chain);
    if (first === null || first === 1) return { seq: 0, hash: GENESIS_HASH, label: 'the start of the chain' };
    const anchor = own.find((c) => c.seq === first - 1);
    if (anchor) return toAnchor(anchor);
    const before = own.filter((c) => c.seq < first).at(-1);
    const missing = before ? before.seq + 1 : 1;
    return {
      kind: 'removed',
      chain,
      seq: missing,
      message: `the ${chain} trail starts at entry ${first} with no checkpoint of entry ${first - 1}: entries from ${missing} were removed outside the pruning path`,
    };
  }

  /** Reads the next batch while the current one is being hashed: the database and the hashing overlap. */
  private async *rows(chain: TrailKind, afterSeq: number): AsyncIterable<StoredEntry> {
    let next = this.store.readAfter(chain, afterSeq, BATCH);
    for (;;) {
      const batch = await next;
      if (!batch.length) return;
      next = this.store.readAfter(chain, batch[batch.length - 1].seq, BATCH);
      next.catch(() => undefined); // handled when awaited; the walk may stop first at a problem
      yield* batch;
    }
  }
}

function toAnchor(c: Checkpoint): ChainAnchor {
  return { seq: c.seq, hash: c.hash, label: describeCheckpoint(c) };
}

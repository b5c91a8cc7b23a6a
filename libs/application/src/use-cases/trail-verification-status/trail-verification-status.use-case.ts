import * as z from 'zod';
import type { Checkpoint, TrailStore, TrailVerification, TrailVerifier } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const trailVerificationStatusInput = z.object({}).strict();

type CheckpointSummary = Pick<Checkpoint, 'id' | 'chain' | 'seq' | 'createdAt' | 'keyId'>;

export interface TrailVerificationStatus {
  /** When this check ran. */
  checkedAt: Date;
  /**
   * `since-latest-checkpoint`: every chain from its latest valid checkpoint (or from its start when it has none), and
   * every checkpoint's signature; a full walk from the start is `vigie audit-log verify`.
   */
  scope: 'since-latest-checkpoint';
  ok: boolean;
  /** The newest checkpoint of any chain; null when none was made yet. */
  latestCheckpoint: CheckpointSummary | null;
  /** The latest checkpoint of each chain. */
  checkpoints: CheckpointSummary[];
  chains: Array<{
    chain: string;
    from: { seq: number; label: string };
    entries: number;
    lastSeq: number;
    problem: TrailVerification['problems'][number] | null;
  }>;
  problems: TrailVerification['problems'];
  warnings: string[];
  durationMs: number;
}

/**
 * The trail's state for the desk: its latest checkpoints, and whether each chain verifies from them. Starting at the
 * latest checkpoint keeps the check short however long the trail grew; what lies before it was checked when the
 * checkpoint was signed, and the full walk stays on the command line.
 */
export class TrailVerificationStatusQuery implements UseCase<typeof trailVerificationStatusInput, TrailVerificationStatus> {
  static readonly definition: UseCaseDefinition<typeof trailVerificationStatusInput> = {
    name: 'trail-verification-status',
    input: trailVerificationStatusInput,
    ability: ['read', 'AuditLog'],
  };
  readonly definition = TrailVerificationStatusQuery.definition;

  constructor(
    private readonly verifier: Pick<TrailVerifier, 'verify'>,
    private readonly store: Pick<TrailStore, 'latestCheckpoints'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(): Promise<TrailVerificationStatus> {
    const checkedAt = this.now();
    const [verification, latest] = await Promise.all([this.verifier.verify({ from: 'latest' }), this.store.latestCheckpoints()]);
    const checkpoints = latest.map(summary).sort((a, b) => a.chain.localeCompare(b.chain));
    const newest = checkpoints.reduce<CheckpointSummary | null>((n, c) => (!n || c.createdAt > n.createdAt ? c : n), null);
    return {
      checkedAt,
      scope: 'since-latest-checkpoint',
      ok: verification.ok,
      latestCheckpoint: newest,
      checkpoints,
      chains: verification.chains.map((c) => ({
        chain: c.chain,
        from: { seq: c.anchor.seq, label: c.anchor.label },
        entries: c.entries,
        lastSeq: c.lastSeq,
        problem: c.problem,
      })),
      problems: verification.problems,
      warnings: verification.warnings,
      durationMs: verification.durationMs,
    };
  }
}

function summary(c: Checkpoint): CheckpointSummary {
  return { id: c.id, chain: c.chain, seq: c.seq, createdAt: c.createdAt, keyId: c.keyId };
}

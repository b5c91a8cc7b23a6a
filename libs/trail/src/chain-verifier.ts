import { entryHash, personalDigest } from './trail-hash.js';
import type { PersonalPart, StoredEntry, TrailKind } from './trail-entry.model.js';

export type TrailProblemKind =
  | 'altered'
  | 'removed'
  | 'reordered'
  | 'personal-data-altered'
  | 'checkpoint-invalid'
  /** Signed by a key neither pinned in the configuration nor handed over by a signed rotation from a pinned key. */
  | 'checkpoint-untrusted-key'
  /** Published outside the database, gone from it. */
  | 'checkpoint-missing'
  /** A line of the outside copy that does not verify under a trusted key. */
  | 'published-invalid'
  /** A key rotation or erasure record whose signature does not hold or whose key is not trusted. */
  | 'record-invalid';

/** The first thing found wrong in a chain: which entry, and what happened to it. */
export interface TrailProblem {
  kind: TrailProblemKind;
  chain: TrailKind;
  seq: number;
  message: string;
}

/** Where checking starts: the beginning of the chain, or a signed checkpoint (after pruning, or `--from`). */
export interface ChainAnchor {
  seq: number;
  hash: string;
  /** e.g. `genesis` or `checkpoint 12 of 2026-05-01T00:00:00.000Z` */
  label: string;
}

export interface CheckpointRef {
  id: string;
  seq: number;
  hash: string;
  label: string;
}

export interface ChainReport {
  chain: TrailKind;
  anchor: ChainAnchor;
  entries: number;
  lastSeq: number;
  lastHash: string;
  checkpointsMatched: number;
  problem: TrailProblem | null;
}

export interface VerifyChainInput {
  chain: TrailKind;
  anchor: ChainAnchor;
  /** The stored entries after the anchor, in seq order. */
  rows: AsyncIterable<StoredEntry>;
  /** Valid (signature-checked) checkpoints of this chain after the anchor. */
  checkpoints: CheckpointRef[];
  /** The head as recorded before reading; an entry count behind it means the tail was cut. */
  head: { seq: number; hash: string } | null;
  /** The seq of the entry whose prev_hash is the given hash (to tell a moved entry from a removed one). */
  followerOf(hash: string): Promise<number | null>;
  /** Whether a signed erasure record names this entry: its personal part may then be blank. */
  erased?(seq: number): boolean;
}

/** Walks one chain from its anchor and stops at the first entry altered, removed or reordered. */
export async function verifyChain(input: VerifyChainInput): Promise<ChainReport> {
  const { chain, anchor } = input;
  const checkpoints = new Map(input.checkpoints.filter((c) => c.seq > anchor.seq).map((c) => [c.seq, c]));
  let prevSeq = anchor.seq;
  let prevHash = anchor.hash;
  let entries = 0;
  let matched = 0;
  /** The last entry a checkpoint vouched for: an entry recomputed since is after it. */
  let lastVouched = anchor.seq;
  let hashAtHead: string | null = null;
  const report = (problem: TrailProblem | null): ChainReport => ({
    chain,
    anchor,
    entries,
    lastSeq: prevSeq,
    lastHash: prevHash,
    checkpointsMatched: matched,
    problem,
  });
  const problem = (kind: TrailProblemKind, seq: number, message: string) => report({ kind, chain, seq, message });

  for await (const row of input.rows) {
    if (row.seq !== prevSeq + 1 || row.prevHash !== prevHash) {
      const expected = prevSeq + 1;
      const follower = await input.followerOf(prevHash);
      if (follower !== null && follower !== expected) {
        return problem('reordered', expected, `entry ${expected} of the ${chain} trail is stored at position ${follower}: entries were reordered`);
      }
      if (row.seq > expected) {
        const range = row.seq - 1 === expected ? `entry ${expected} is` : `entries ${expected} to ${row.seq - 1} are`;
        return problem('removed', expected, `${range} missing from the ${chain} trail (the chain goes from ${prevSeq} to ${row.seq})`);
      }
      if (prevSeq === anchor.seq) {
        return problem(
          'altered',
          row.seq,
          `entry ${row.seq} of the ${chain} trail does not link to ${anchor.label}: it, or what that anchor covers, was altered`,
        );
      }
      return problem('altered', prevSeq, `entry ${prevSeq} of the ${chain} trail was altered: its stored hash is not the one entry ${row.seq} was chained to`);
    }
    if (entryHash(row.prevHash, row) !== row.hash) {
      return problem('altered', row.seq, `entry ${row.seq} of the ${chain} trail was altered: its content does not match its hash`);
    }
    const personal = row.personal;
    if (row.personalDigest !== null) {
      if (!personal)
        return problem('personal-data-altered', row.seq, `the personal part of entry ${row.seq} of the ${chain} trail was removed outside erasure`);
      const blank = personal.salt === null || (personal.data as { erased?: unknown }).erased === true;
      if (blank && !input.erased?.(row.seq)) {
        return problem(
          'personal-data-altered',
          row.seq,
          `the personal part of entry ${row.seq} of the ${chain} trail was blanked outside the erasure path: no signed erasure record names it`,
        );
      }
      if (!blank && personalDigest(personal.salt!, personal.data as PersonalPart) !== row.personalDigest) {
        return problem('personal-data-altered', row.seq, `the personal part of entry ${row.seq} of the ${chain} trail was altered`);
      }
    }
    const cp = checkpoints.get(row.seq);
    if (cp) {
      if (cp.hash !== row.hash) {
        const first = lastVouched + 1;
        const range = first === row.seq ? `entry ${row.seq}` : `one of entries ${first} to ${row.seq}`;
        return problem(
          'altered',
          first,
          `entry ${row.seq} of the ${chain} trail differs from ${cp.label}: ${range} was altered or replaced and the chain recomputed from there (entry ${first} is the first not vouched for by a checkpoint)`,
        );
      }
      matched++;
      lastVouched = row.seq;
    }
    entries++;
    prevSeq = row.seq;
    prevHash = row.hash;
    if (input.head && row.seq === input.head.seq) hashAtHead = row.hash;
  }
  const beyond = [...checkpoints.values()].filter((c) => c.seq > prevSeq).sort((a, b) => a.seq - b.seq)[0];
  if (beyond) {
    return problem(
      'removed',
      prevSeq + 1,
      `the ${chain} trail ends at entry ${prevSeq} but ${beyond.label} covers entry ${beyond.seq}: the last entries were removed`,
    );
  }
  if (input.head && input.head.seq > anchor.seq) {
    if (input.head.seq > prevSeq) {
      return problem('removed', prevSeq + 1, `the ${chain} trail ends at entry ${prevSeq} but its head says ${input.head.seq}: the last entries were removed`);
    }
    if (hashAtHead !== input.head.hash) {
      return problem('altered', input.head.seq, `entry ${input.head.seq} of the ${chain} trail differs from the recorded head of the chain`);
    }
  }
  return report(null);
}

import { type ChainAnchor, type ChainReport, type CheckpointRef, type TrailProblem, verifyChain } from './chain-verifier.js';
import { type Checkpoint, checkpointSignatureValid, describeCheckpoint } from './checkpoint.js';
import type { PublishedCheckpoints } from './publication/checkpoint-publisher.js';
import { TrailStore } from './ports/trail.store.js';
import { keyIdOf } from './signed-statement.js';
import { GENESIS_HASH, type StoredEntry, TRAIL_KINDS, type TrailKind } from './trail-entry.model.js';
import { type TrailKeys, rawPublicKey } from './trail-keys.js';
import { readTrailTrust } from './trail-trust.service.js';
import { TrailUsageError } from './trail.errors.js';

export interface TrailVerifyOptions {
  /** A checkpoint id (its chain is checked from there), or `latest` (every chain from its latest valid checkpoint). */
  from?: string;
  chains?: TrailKind[];
  /** Another outside copy to check against (e.g. what a webhook's receiver kept), instead of the configured file. */
  published?: PublishedCheckpoints | null;
}

/** What verify trusts: keys pinned in the configuration, and the outside copy of the checkpoints. */
export interface TrailVerifierTrust {
  /** Raw Ed25519 public keys (base64) from trail.pinnedPublicKeys; the process's own signing key when empty. */
  pinned: string[];
  /** The outside copy of published checkpoints (the file sink); null when none is configured. */
  published: PublishedCheckpoints | null;
}

export interface TrailVerification {
  ok: boolean;
  chains: ChainReport[];
  /** The first problem of each chain, then every checkpoint and signed record that does not hold; in chain and entry order. */
  problems: TrailProblem[];
  checkpoints: { valid: number; invalid: string[]; otherKeys: string[]; untrusted: string[] };
  trust: {
    /** Key ids of the pinned keys. */
    pinned: string[];
    pinnedFrom: 'configuration' | 'signing key of this process';
    rotations: Array<{ seq: number; from: string; to: string; at: string }>;
  };
  published: {
    /** Where the outside copy was read, or null when there is none. */
    source: string | null;
    checkpoints: number;
    /** Valid checkpoints of the database absent from the outside copy (published elsewhere, or a sink that failed). */
    notPublished: number;
  };
  erasures: { records: number };
  /** What verify could not check, or points to look at; not failures. */
  warnings: string[];
  durationMs: number;
}

const BATCH = 10_000;

/**
 * `vigie audit-log verify`: checks checkpoints against the pinned keys and the outside copy, then walks each chain
 * from its anchor, holding it to every checkpoint known in or out of the database and to the erasure records.
 */
export class TrailVerifier {
  constructor(
    private readonly store: TrailStore,
    private readonly keys: TrailKeys,
    private readonly trustOptions: TrailVerifierTrust = { pinned: [], published: null },
  ) {}

  async verify(options: TrailVerifyOptions = {}): Promise<TrailVerification> {
    const started = Date.now();
    const warnings: string[] = [];
    const pinnedFromConfig = this.trustOptions.pinned.length > 0;
    const pinned = pinnedFromConfig ? this.trustOptions.pinned : [rawPublicKey(this.keys.publicKey).toString('base64')];
    if (!pinnedFromConfig)
      warnings.push(
        `no key pinned (trail.pinnedPublicKeys or VIGIE_TRAIL_PINNED_PUBLIC_KEYS): trusting the signing key of this process (${this.keys.keyId}); pin it so that verify does not depend on the key file`,
      );
    const trust = await readTrailTrust(this.store, pinned);
    const problems: TrailProblem[] = [...trust.problems];

    const all = await this.store.checkpoints();
    const signed = all.filter((c) => checkpointSignatureValid(c));
    const invalid = all.filter((c) => !signed.includes(c));
    const valid = signed.filter((c) => trust.keys.has(c.publicKey));
    const untrusted = signed.filter((c) => !trust.keys.has(c.publicKey));
    for (const c of invalid)
      problems.push({
        kind: 'checkpoint-invalid',
        chain: c.chain,
        seq: c.seq,
        message: `${describeCheckpoint(c)} has a signature that does not hold: it was forged or altered`,
      });
    for (const c of untrusted)
      problems.push({
        kind: 'checkpoint-untrusted-key',
        chain: c.chain,
        seq: c.seq,
        message: `${describeCheckpoint(c)} of entry ${c.seq} of the ${c.chain} trail is signed by key ${c.keyId}, which is neither pinned (trail.pinnedPublicKeys) nor handed over by a signed key rotation`,
      });

    const published = await this.readPublished(
      options.published === undefined ? this.trustOptions.published : options.published,
      trust.keys,
      valid,
      problems,
      warnings,
    );
    const known = new Map<string, Checkpoint>(valid.map((c) => [c.id, c]));
    for (const c of published?.valid ?? []) if (!known.has(c.id)) known.set(c.id, c);
    const trusted = [...known.values()];

    let fromCheckpoint: Checkpoint | null = null;
    if (options.from && options.from !== 'latest') {
      fromCheckpoint = all.find((c) => c.id === options.from) ?? null;
      if (!fromCheckpoint)
        throw new TrailUsageError(`no checkpoint with id ${options.from}: list them with \`vigie audit-log checkpoint --list\``, 'not-found');
      if (!valid.includes(fromCheckpoint))
        throw new TrailUsageError(
          `${describeCheckpoint(fromCheckpoint)} has an invalid signature or an untrusted key: it cannot be a starting point`,
          'conflict',
        );
    }
    const chains = fromCheckpoint ? [fromCheckpoint.chain] : (options.chains ?? [...TRAIL_KINDS]);
    const heads = await this.store.heads();
    const reports: ChainReport[] = [];
    for (const chain of chains) {
      const own = trusted.filter((c) => c.chain === chain).sort((a, b) => a.seq - b.seq);
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
        erased: (seq) => trust.erased(chain, seq),
      });
      reports.push(report);
      if (report.problem) problems.push(report.problem);
    }
    problems.sort((a, b) => TRAIL_KINDS.indexOf(a.chain) - TRAIL_KINDS.indexOf(b.chain) || a.seq - b.seq);
    return {
      ok: problems.length === 0,
      chains: reports,
      problems,
      checkpoints: {
        valid: valid.length,
        invalid: invalid.map((c) => c.id),
        otherKeys: [...new Set(valid.filter((c) => c.keyId !== this.keys.keyId).map((c) => c.keyId))],
        untrusted: untrusted.map((c) => c.id),
      },
      trust: { pinned: pinned.map(keyIdOf), pinnedFrom: pinnedFromConfig ? 'configuration' : 'signing key of this process', rotations: trust.rotations },
      published: { source: published?.source ?? null, checkpoints: published?.valid.length ?? 0, notPublished: published?.notPublished ?? 0 },
      erasures: { records: trust.erasures.length },
      warnings,
      durationMs: Date.now() - started,
    };
  }

  /**
   * The outside copy: each of its checkpoints must verify under a trusted key and be in the database as published.
   * What holds is returned, for the chain walk to hold the entries to.
   */
  private async readPublished(
    copy: PublishedCheckpoints | null,
    trustedKeys: Set<string>,
    inDatabase: Checkpoint[],
    problems: TrailProblem[],
    warnings: string[],
  ): Promise<{ source: string; valid: Checkpoint[]; notPublished: number } | null> {
    if (!copy) {
      warnings.push('no outside copy of the checkpoints (trail.publish.file is off): checkpoints were checked against the keys only');
      return null;
    }
    const read = await copy.read();
    if (!read.exists) {
      if (inDatabase.length)
        warnings.push(`${copy.description} does not exist: none of the ${inDatabase.length} checkpoints of the database could be checked outside it`);
      return { source: copy.description, valid: [], notPublished: inDatabase.length };
    }
    if (read.unreadable.length) warnings.push(`${copy.description}: lines ${read.unreadable.slice(0, 10).join(', ')} are not checkpoints`);
    const byId = new Map(inDatabase.map((c) => [c.id, c]));
    const valid: Checkpoint[] = [];
    for (const c of read.checkpoints) {
      if (!checkpointSignatureValid(c) || !trustedKeys.has(c.publicKey)) {
        problems.push({
          kind: 'published-invalid',
          chain: c.chain,
          seq: c.seq,
          message: `the checkpoint ${c.id} of entry ${c.seq} of the ${c.chain} trail in ${copy.description} does not verify under a trusted key: the outside copy was written by someone else`,
        });
        continue;
      }
      valid.push(c);
      const stored = byId.get(c.id);
      if (!stored || stored.hash !== c.hash || stored.seq !== c.seq || stored.chain !== c.chain) {
        problems.push({
          kind: 'checkpoint-missing',
          chain: c.chain,
          seq: c.seq,
          message: `${describeCheckpoint(c)} of entry ${c.seq} of the ${c.chain} trail, published in ${copy.description}, is missing from the database: checkpoints were removed`,
        });
      }
    }
    const publishedIds = new Set(valid.map((c) => c.id));
    const notPublished = inDatabase.filter((c) => !publishedIds.has(c.id)).length;
    if (notPublished)
      warnings.push(`${notPublished} checkpoints of the database are not in ${copy.description} (a sink that failed, or published by another replica)`);
    return { source: copy.description, valid, notPublished };
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

import { canonicalJson } from './canonical-json.js';
import { type Checkpoint, checkpointSignedText } from './checkpoint.js';
import { type CheckpointPublication, NO_PUBLICATION } from './publication/checkpoint-publication.js';
import { TrailCheckpointService } from './trail-checkpoint.service.js';
import { TrailStore } from './ports/trail.store.js';
import { type StoredEntry, TRAIL_KINDS, type TrailKind } from './trail-entry.model.js';
import { canonicalEntry } from './trail-hash.js';
import type { TrailKeys } from './trail-keys.js';
import { pseudonymsOf, toEntryView } from './trail-view.js';

export type TrailExportFormat = 'jsonl' | 'csv';

export interface TrailExportOptions {
  format: TrailExportFormat;
  from?: Date;
  to?: Date;
  chains?: TrailKind[];
  /** Receives the output piece by piece (a file or stdout stream); may return a promise to apply back-pressure. */
  write(text: string): void | Promise<void>;
  now?: Date;
}

export interface TrailExportResult {
  entries: number;
  checkpoints: Checkpoint[];
}

const CSV_COLUMNS = [
  'record',
  'chain',
  'seq',
  'at',
  'actor_type',
  'actor_id',
  'actor_login',
  'action',
  'target_type',
  'target_id',
  'before',
  'after',
  'reason',
  'correlation_id',
  'source_address',
  'subjects',
  'canonical',
  'prev_hash',
  'hash',
  'checkpoint',
];

/**
 * Exports entries with what proves them: each entry carries the canonical text its hash covers and its
 * links, and a checkpoint of the last exported entry of each chain is signed at export time and written at the
 * end. Anyone with the public key can recompute the hashes from the first entry's prev_hash to the checkpoint.
 */
export class TrailExportService {
  constructor(
    private readonly store: TrailStore,
    private readonly keys: TrailKeys,
    private readonly publication: CheckpointPublication = NO_PUBLICATION,
  ) {}

  async export(o: TrailExportOptions): Promise<TrailExportResult> {
    const now = o.now ?? new Date();
    let entries = 0;
    const checkpoints: Checkpoint[] = [];
    if (o.format === 'jsonl') {
      await o.write(
        `${JSON.stringify({ record: 'header', type: 'vigie-trail-export', v: 1, exportedAt: now.toISOString(), from: o.from?.toISOString() ?? null, to: o.to?.toISOString() ?? null, hash: 'sha256(prev_hash + "\\n" + canonical)', publicKey: this.keys.publicKeyPem() })}\n`,
      );
    } else {
      await o.write(`${CSV_COLUMNS.join(',')}\n`);
    }
    for (const chain of o.chains ?? TRAIL_KINDS) {
      const first = o.from ? await this.store.firstSeqAtOrAfter(chain, o.from) : await this.store.firstSeq(chain);
      const last = o.to ? await this.store.lastSeqAtOrBefore(chain, o.to) : ((await this.store.heads()).find((h) => h.chain === chain)?.seq ?? null);
      if (first === null || last === null || last < first) continue;
      let after = first - 1;
      let lastEntry: StoredEntry | undefined;
      for (;;) {
        const batch = await this.store.readAfter(chain, after, 5000, last);
        if (!batch.length) break;
        const people = new Map((await this.store.persons(pseudonymsOf(batch))).map((p) => [p.pseudonym, p]));
        const lines = batch.map((e) => (o.format === 'jsonl' ? jsonLine(e, people) : csvLine(e, people)));
        await o.write(lines.join(''));
        entries += batch.length;
        lastEntry = batch[batch.length - 1];
        after = lastEntry.seq;
      }
      if (lastEntry) {
        checkpoints.push(
          await new TrailCheckpointService(this.store, this.keys, this.publication).checkpointAt(chain, lastEntry.seq, lastEntry.hash, 'export', now),
        );
      }
    }
    for (const cp of checkpoints) {
      const proof = { ...cp, signedText: checkpointSignedText(cp) };
      await o.write(
        o.format === 'jsonl'
          ? `${JSON.stringify({ record: 'checkpoint', ...proof })}\n`
          : csvRow({ record: 'checkpoint', chain: cp.chain, seq: String(cp.seq), at: cp.createdAt, hash: cp.hash, checkpoint: JSON.stringify(proof) }),
      );
    }
    return { entries, checkpoints };
  }
}

function jsonLine(e: StoredEntry, people: Parameters<typeof toEntryView>[1]): string {
  const view = toEntryView(e, people);
  return `${JSON.stringify({ record: 'entry', ...view, canonical: canonicalEntry(e), prevHash: e.prevHash })}\n`;
}

function csvLine(e: StoredEntry, people: Parameters<typeof toEntryView>[1]): string {
  const v = toEntryView(e, people);
  const json = (x: unknown) => (x === undefined || x === null ? '' : canonicalJson(x));
  return csvRow({
    record: 'entry',
    chain: v.chain,
    seq: String(v.seq),
    at: v.at,
    actor_type: v.actor.type,
    actor_id: v.actor.id,
    actor_login: v.actor.login ?? '',
    action: v.action,
    target_type: v.target?.type ?? '',
    target_id: v.target?.id ?? '',
    before: json(v.before),
    after: json(v.after),
    reason: v.reason ?? '',
    correlation_id: v.correlationId ?? '',
    source_address: v.sourceAddress ?? '',
    subjects: v.subjects.map((s) => (s.erased ? `${s.pseudonym} (erased)` : `${s.pseudonym} (${s.login ?? s.employeeId ?? '?'})`)).join('; '),
    canonical: canonicalEntry(e),
    prev_hash: e.prevHash,
    hash: e.hash,
  });
}

function csvRow(values: Record<string, string>): string {
  return `${CSV_COLUMNS.map((c) => csvCell(values[c] ?? '')).join(',')}\n`;
}

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet does not run it as a formula. */
function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

import { type Signature, signStatement, statementValid } from './signed-statement.js';
import { TRAIL_KINDS, type StoredEntry, type TrailKind, type TrailRecordInput } from './trail-entry.model.js';
import type { TrailKeys } from './trail-keys.js';

export const ERASURE_ACTION = 'trail.personal-erased';

/** Entries whose personal part one erasure blanked. */
export interface TrailErasure {
  erasureId: string;
  at: Date;
  entries: Array<{ chain: TrailKind; seq: number }>;
}

/** Ranges [from, to] of seqs, per chain: a person's thousand entries in a few pairs. */
export type SeqRanges = Partial<Record<TrailKind, Array<[number, number]>>>;

export interface ErasureStatement extends Record<string, unknown> {
  v: 1;
  type: 'vigie-trail-erasure';
  erasureId: string;
  at: string;
  entries: SeqRanges;
}

/**
 * The record an erasure leaves in the trail: which entries lost their personal part, when, by which erasure, signed
 * by the trail key. Verify accepts a blank personal part only where such a record names it: someone who can write
 * the database but does not hold the key cannot make one.
 */
export function erasureRecordInput(keys: TrailKeys, erasure: TrailErasure): TrailRecordInput {
  const statement: ErasureStatement = {
    v: 1,
    type: 'vigie-trail-erasure',
    erasureId: erasure.erasureId,
    at: erasure.at.toISOString(),
    entries: toRanges(erasure.entries),
  };
  return {
    action: ERASURE_ACTION,
    kind: 'change',
    target: { type: 'erasure', id: erasure.erasureId },
    after: { ...statement, count: erasure.entries.length, signed: signStatement(keys.signingKey, statement) },
    at: erasure.at,
  };
}

export interface ErasureRecord extends ErasureStatement {
  seq: number;
  signed: Signature | undefined;
  /** The signature holds (whether its key is trusted is the verifier's to say). */
  valid: boolean;
}

export function readErasureRecord(entry: StoredEntry): ErasureRecord {
  const a = (entry.details?.after ?? {}) as Record<string, unknown> & { signed?: Signature };
  const statement = { v: a.v, type: a.type, erasureId: a.erasureId, at: a.at, entries: a.entries } as ErasureStatement;
  return { ...statement, seq: entry.seq, signed: a.signed, valid: statement.type === 'vigie-trail-erasure' && statementValid(statement, a.signed) };
}

export function toRanges(entries: Array<{ chain: TrailKind; seq: number }>): SeqRanges {
  const out: SeqRanges = {};
  for (const chain of TRAIL_KINDS) {
    const seqs = [...new Set(entries.filter((e) => e.chain === chain).map((e) => e.seq))].sort((a, b) => a - b);
    const ranges: Array<[number, number]> = [];
    for (const s of seqs) {
      const last = ranges[ranges.length - 1];
      if (last && last[1] + 1 === s) last[1] = s;
      else ranges.push([s, s]);
    }
    if (ranges.length) out[chain] = ranges;
  }
  return out;
}

export function rangesCover(ranges: SeqRanges, chain: TrailKind, seq: number): boolean {
  return (ranges[chain] ?? []).some(([from, to]) => seq >= from && seq <= to);
}

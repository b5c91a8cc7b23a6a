import type { Checkpoint } from '../checkpoint.js';
import { TRAIL_KINDS, type TrailKind } from '../trail-entry.model.js';

/**
 * Where checkpoints are published as they are signed, outside the database: whoever controls the database can then
 * neither remove a checkpoint nor rewrite what it covers without the outside copy telling (as witnesses keep the signed
 * tree heads of a certificate-transparency log). An append-only file by default, a webhook to another system too.
 */
export abstract class CheckpointPublisher {
  /** e.g. `file /var/lib/vigie/trail-checkpoints.jsonl`, for messages. */
  abstract readonly description: string;
  abstract publish(checkpoints: Checkpoint[]): Promise<void>;
}

/** An outside copy `vigie audit-log verify` can read back. */
export abstract class PublishedCheckpoints {
  abstract readonly description: string;
  /** The checkpoints published, and the numbers of lines that are not a checkpoint. Nothing when there is no copy yet. */
  abstract read(): Promise<{ checkpoints: Checkpoint[]; unreadable: number[]; exists: boolean }>;
}

/** One JSON line per checkpoint: what it states, its key and its signature; nothing personal. */
export function publishedLine(c: Checkpoint): string {
  return `${JSON.stringify({
    type: 'vigie-trail-checkpoint',
    v: 1,
    id: c.id,
    chain: c.chain,
    seq: c.seq,
    hash: c.hash,
    createdAt: c.createdAt,
    reason: c.reason,
    keyId: c.keyId,
    publicKey: c.publicKey,
    signature: c.signature,
  })}\n`;
}

/** A published line back into a checkpoint; null when it is not one. */
export function parsePublishedLine(line: string): Checkpoint | null {
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    if (o.type !== 'vigie-trail-checkpoint' || !TRAIL_KINDS.includes(o.chain as TrailKind)) return null;
    const text = ['id', 'hash', 'createdAt', 'reason', 'keyId', 'publicKey', 'signature'];
    if (!text.every((k) => typeof o[k] === 'string') || !Number.isSafeInteger(o.seq)) return null;
    return {
      id: o.id as string,
      chain: o.chain as TrailKind,
      seq: o.seq as number,
      hash: o.hash as string,
      createdAt: o.createdAt as string,
      reason: o.reason as Checkpoint['reason'],
      keyId: o.keyId as string,
      publicKey: o.publicKey as string,
      signature: o.signature as string,
    };
  } catch {
    return null;
  }
}

import { type TrailProblem } from './chain-verifier.js';
import { ERASURE_ACTION, type SeqRanges, rangesCover, readErasureRecord } from './erasure-record.js';
import { KEY_ROTATION_ACTION, readKeyRotation } from './key-rotation.js';
import { TrailStore } from './ports/trail.store.js';
import { keyIdOf } from './signed-statement.js';
import type { TrailKind } from './trail-entry.model.js';

/** The keys verify trusts, and the erasures it accepts, read from the signed records of the trail. */
export interface TrailTrust {
  /** Raw public keys (base64): the pinned ones, and those a signed rotation from a trusted key handed over to. */
  keys: Set<string>;
  rotations: Array<{ seq: number; from: string; to: string; at: string }>;
  erasures: Array<{ seq: number; erasureId: string; at: string; entries: SeqRanges }>;
  /** Records whose signature does not hold, or by a key not trusted: each a problem at its entry. */
  problems: TrailProblem[];
  erased(chain: TrailKind, seq: number): boolean;
}

/**
 * Starts from the pinned keys and follows the key rotations recorded in the change trail (each signed by the
 * retiring key and the new one); then keeps the erasure records signed by a trusted key. Which records are in the
 * trail is for the chain walk to vouch for: this only reads them.
 */
export async function readTrailTrust(store: TrailStore, pinned: string[]): Promise<TrailTrust> {
  const records = await store.signedRecords([KEY_ROTATION_ACTION, ERASURE_ACTION]);
  const keys = new Set(pinned);
  const problems: TrailProblem[] = [];
  const rotations = records.filter((r) => r.action === KEY_ROTATION_ACTION).map(readKeyRotation);
  const accepted: TrailTrust['rotations'] = [];
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rotations) {
      if (r.valid && keys.has(r.from.publicKey) && !keys.has(r.to.publicKey)) {
        keys.add(r.to.publicKey);
        accepted.push({ seq: r.seq, from: r.from.keyId, to: r.to.keyId, at: r.at });
        grew = true;
      }
    }
  }
  for (const r of rotations) {
    if (!r.valid)
      problems.push(
        recordProblem(r.seq, `the key rotation recorded at entry ${r.seq} of the change trail has a signature that does not hold: it was forged or altered`),
      );
    else if (!keys.has(r.from.publicKey))
      problems.push(
        recordProblem(
          r.seq,
          `entry ${r.seq} of the change trail rotates from key ${r.from.keyId}, which is neither pinned (trail.pinnedPublicKeys) nor handed over by a rotation from a pinned key`,
        ),
      );
  }
  const erasures: TrailTrust['erasures'] = [];
  for (const e of records.filter((r) => r.action === ERASURE_ACTION).map(readErasureRecord)) {
    if (!e.valid)
      problems.push(
        recordProblem(e.seq, `the erasure record at entry ${e.seq} of the change trail has a signature that does not hold: it was forged or altered`),
      );
    else if (!keys.has(e.signed!.publicKey))
      problems.push(
        recordProblem(e.seq, `the erasure record at entry ${e.seq} of the change trail is signed by key ${keyIdOf(e.signed!.publicKey)}, which is not trusted`),
      );
    else erasures.push({ seq: e.seq, erasureId: e.erasureId, at: e.at, entries: e.entries });
  }
  return { keys, rotations: accepted, erasures, problems, erased: (chain, seq) => erasures.some((e) => rangesCover(e.entries, chain, seq)) };
}

function recordProblem(seq: number, message: string): TrailProblem {
  return { kind: 'record-invalid', chain: 'change', seq, message };
}

import { canonicalJson } from './canonical-json.js';
import { GENESIS_HASH, type SealedEntry, type StoredEntry } from './trail-entry.model.js';
import { type ChainAnchor, type CheckpointRef, verifyChain } from './chain-verifier.js';
import { canonicalEntry, canonicalEntryParts, entryHash, partsHash, personalDigest, sealEntries } from './trail-hash.js';

const draft = (i: number) => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  actorType: 'system' as const,
  actorId: 'sync',
  action: 'sync.succeeded',
  targetType: 'directory',
  targetId: 'corp',
  details: { after: { accounts: i } },
  correlationId: `job-${i}`,
  subjects: [],
  personalDigest: null,
});

function chainOf(n: number): StoredEntry[] {
  return sealEntries(
    { chain: 'operation', seq: 0, hash: GENESIS_HASH },
    Array.from({ length: n }, (_, i) => draft(i + 1)),
  ).map((e) => ({ ...e, personal: null }));
}

const genesis: ChainAnchor = { seq: 0, hash: GENESIS_HASH, label: 'the start of the chain' };

async function verify(
  rows: StoredEntry[],
  opts: { checkpoints?: CheckpointRef[]; head?: { seq: number; hash: string } | null; anchor?: ChainAnchor; erased?: (seq: number) => boolean } = {},
) {
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  return verifyChain({
    chain: 'operation',
    anchor: opts.anchor ?? genesis,
    rows: (async function* () {
      yield* sorted;
    })(),
    checkpoints: opts.checkpoints ?? [],
    head: opts.head === undefined ? { seq: sorted.at(-1)?.seq ?? 0, hash: sorted.at(-1)?.hash ?? GENESIS_HASH } : opts.head,
    followerOf: async (hash) => sorted.find((r) => r.prevHash === hash)?.seq ?? null,
    erased: opts.erased,
  });
}

describe('the hash chain', () => {
  it('links each entry to the previous one, starting from the genesis hash', () => {
    const [a, b] = chainOf(2);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(entryHash(a.hash, b)).toBe(b.hash);
    expect([a.seq, b.seq]).toEqual([1, 2]);
  });

  it('changes the hash when any covered field changes', () => {
    const [a] = chainOf(1);
    const variants: Array<Partial<SealedEntry>> = [
      { at: '2026-01-01T00:00:02.000Z' },
      { actorId: 'cli' },
      { details: { after: { accounts: 2 } } },
      { subjects: ['p_x'] },
      { seq: 2 },
      { correlationId: null },
    ];
    for (const v of variants) expect(entryHash(GENESIS_HASH, { ...a, ...v })).not.toBe(a.hash);
  });

  it('verifies an intact chain and counts its entries', async () => {
    const r = await verify(chainOf(5));
    expect(r.problem).toBeNull();
    expect(r).toMatchObject({ entries: 5, lastSeq: 5 });
  });

  it('reports an entry whose content was changed', async () => {
    const rows = chainOf(5);
    rows[2] = { ...rows[2], details: { after: { accounts: 999 } } };
    expect((await verify(rows)).problem).toMatchObject({ kind: 'altered', seq: 3 });
  });

  it('reports an altered entry even when its hash was recomputed', async () => {
    const rows = chainOf(5);
    const changed = { ...rows[2], actorId: 'someone-else' };
    rows[2] = { ...changed, hash: entryHash(changed.prevHash, changed) };
    expect((await verify(rows)).problem).toMatchObject({ kind: 'altered', seq: 3 });
  });

  it('reports a removed entry at its position', async () => {
    const rows = chainOf(5).filter((r) => r.seq !== 3);
    expect((await verify(rows)).problem).toMatchObject({ kind: 'removed', seq: 3 });
  });

  it('reports two entries whose positions were swapped', async () => {
    const rows = chainOf(5);
    rows[1] = { ...rows[1], seq: 3 };
    rows[2] = { ...rows[2], seq: 2 };
    expect((await verify(rows)).problem).toMatchObject({ kind: 'reordered', seq: 2 });
  });

  it('reports a cut tail against the head and against a checkpoint', async () => {
    const rows = chainOf(5);
    const head = { seq: 5, hash: rows[4].hash };
    expect((await verify(rows.slice(0, 3), { head })).problem).toMatchObject({ kind: 'removed', seq: 4 });
    const cp: CheckpointRef = { id: 'c', seq: 5, hash: rows[4].hash, label: 'checkpoint c' };
    expect((await verify(rows.slice(0, 3), { head: null, checkpoints: [cp] })).problem).toMatchObject({ kind: 'removed', seq: 4 });
  });

  it('reports a whole rewritten chain through the signed checkpoint that disagrees, from the first entry no checkpoint vouches for', async () => {
    const original = chainOf(5);
    const cp: CheckpointRef = { id: 'c', seq: 4, hash: original[3].hash, label: 'checkpoint c' };
    const forged = sealEntries(
      { chain: 'operation', seq: 0, hash: GENESIS_HASH },
      [1, 2, 3, 4, 5].map((i) => ({ ...draft(i), actorId: 'forger' })),
    ).map((e) => ({ ...e, personal: null }));
    expect((await verify(forged, { checkpoints: [cp] })).problem).toMatchObject({
      kind: 'altered',
      seq: 1,
      message: expect.stringMatching(/^entry 4 of the operation trail differs from checkpoint c: one of entries 1 to 4 was altered/),
    });
    expect((await verify(original, { checkpoints: [cp] })).checkpointsMatched).toBe(1);
  });

  it('narrows a recomputed chain down to the entries after the last checkpoint that still agrees', async () => {
    const original = chainOf(6);
    const checkpoints: CheckpointRef[] = [
      { id: 'a', seq: 2, hash: original[1].hash, label: 'checkpoint a' },
      { id: 'b', seq: 3, hash: original[2].hash, label: 'checkpoint b' },
    ];
    const forged = sealEntries(original[1], [{ ...draft(3), actorId: 'forger' }, draft(4), draft(5), draft(6)]).map((e) => ({ ...e, personal: null }));
    const problem = (await verify([...original.slice(0, 2), ...forged], { checkpoints })).problem;
    expect(problem).toMatchObject({ kind: 'altered', seq: 3, message: expect.stringMatching(/checkpoint b: entry 3 was altered or replaced/) });
  });

  it('starts from a checkpoint once the older entries were pruned', async () => {
    const rows = chainOf(6);
    const anchor = { seq: 3, hash: rows[2].hash, label: 'checkpoint p' };
    expect((await verify(rows.slice(3), { anchor })).problem).toBeNull();
    const wrongAnchor = { seq: 3, hash: rows[1].hash, label: 'checkpoint p' };
    expect((await verify(rows.slice(3), { anchor: wrongAnchor })).problem).toMatchObject({ kind: 'altered', seq: 4 });
  });

  it('checks the personal part against its digest while it is held, and accepts it blank only where an erasure record names it', async () => {
    const salt = 'ab'.repeat(16);
    const part = { targetId: 'uid=jdupont,ou=people', before: { title: 'Clerk' } };
    const [e] = sealEntries({ chain: 'change', seq: 0, hash: GENESIS_HASH }, [
      { ...draft(1), subjects: ['p_1'], targetId: null, details: null, personalDigest: personalDigest(salt, part) },
    ]);
    const held = { ...e, personal: { chain: 'change' as const, seq: 1, salt, data: part } };
    const tampered = { ...e, personal: { ...held.personal, data: { ...part, targetId: 'uid=other' } } };
    const erased = { ...e, personal: { ...held.personal, salt: null, data: { erased: true as const } } };
    expect((await verify([held])).problem).toBeNull();
    expect((await verify([tampered])).problem).toMatchObject({ kind: 'personal-data-altered', seq: 1 });
    expect((await verify([erased], { erased: (seq) => seq === 1 })).problem).toBeNull();
    expect((await verify([erased], { erased: () => false })).problem).toMatchObject({
      kind: 'personal-data-altered',
      seq: 1,
      message: expect.stringMatching(/blanked outside the erasure path/),
    });
    const saltDropped = { ...e, personal: { ...held.personal, salt: null } };
    expect((await verify([saltDropped])).problem).toMatchObject({ kind: 'personal-data-altered', seq: 1 });
  });
});

describe('canonicalEntryParts', () => {
  it('splits the canonical text around the position, even when the details hold keys named seq and subjects', () => {
    const e = { ...draft(1), details: { after: { seq: 0, subjects: ['x'], nested: { seq: 0, subjects: [] } } } };
    for (const seq of [1, 42, 1_000_000]) {
      const { pre, post } = canonicalEntryParts('operation', e);
      expect(pre + seq + post).toBe(canonicalEntry({ ...e, chain: 'operation', seq }));
      // What the store checks the database's hashes with, without a second canonical text.
      expect(partsHash('ab'.repeat(32), pre, seq, post)).toBe(entryHash('ab'.repeat(32), { ...e, chain: 'operation', seq }));
    }
  });
});

describe('canonicalEntry', () => {
  /** The definition: canonical JSON of the entry's fields. The hand-written writer must give the same text. */
  const reference = (e: SealedEntry) =>
    canonicalJson({
      v: 1,
      chain: e.chain,
      seq: e.seq,
      at: e.at,
      actor: { type: e.actorType, id: e.actorId },
      action: e.action,
      target: e.targetType === null ? null : { type: e.targetType, id: e.targetId },
      details: e.details,
      correlationId: e.correlationId,
      subjects: e.subjects,
      personalDigest: e.personalDigest,
    });

  it('is the canonical JSON of the entry, whatever its values', () => {
    const [base] = chainOf(1);
    const variants: SealedEntry[] = [
      base,
      { ...base, targetType: null, targetId: null, details: null, correlationId: null },
      { ...base, targetId: null, subjects: ['p_b', 'p_a'], personalDigest: 'ab'.repeat(32) },
      { ...base, action: 'x.y', actorId: 'quote " back \\ \u00e9 \u{1F600} \n', details: { after: { z: [1, { b: null, a: 1.5 }], é: true } } },
    ];
    for (const v of variants) expect(canonicalEntry(v)).toBe(reference(v));
  });
});

import type { Checkpoint, TrailStore, TrailVerification, TrailVerifier } from '#vigie/trail';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { TrailVerificationStatusQuery } from './trail-verification-status.use-case.js';

describe(TrailVerificationStatusQuery.name, () => {
  const checkpoint = (chain: Checkpoint['chain'], seq: number, createdAt: string): Checkpoint => ({
    id: `cp-${chain}-${seq}`,
    chain,
    seq,
    hash: 'h'.repeat(64),
    createdAt,
    reason: 'interval',
    keyId: '0123456789abcdef',
    publicKey: 'pk',
    signature: 'sig',
  });
  const altered = { chain: 'change' as const, seq: 9, kind: 'altered' as const, message: 'entry 9 of chain change was altered' };
  const verification: TrailVerification = {
    ok: false,
    chains: [
      {
        chain: 'change',
        anchor: { seq: 7, hash: 'h', label: 'checkpoint 7 of 2026-12-07T01:00:00.000Z' },
        entries: 3,
        lastSeq: 10,
        lastHash: 'x',
        checkpointsMatched: 1,
        problem: altered,
      },
    ],
    problems: [altered],
    checkpoints: { valid: 2, invalid: [], otherKeys: [], untrusted: [] },
    trust: { pinned: [], pinnedFrom: 'configuration', rotations: [] },
    published: { source: null, checkpoints: 0, notPublished: 0 },
    erasures: { records: 0 },
    warnings: ['no outside copy'],
    durationMs: 4,
  };
  let asked: unknown[];
  const make = (latest: Checkpoint[]) => {
    asked = [];
    const verifier: Pick<TrailVerifier, 'verify'> = {
      verify: async (options = {}) => {
        asked.push(options);
        return verification;
      },
    };
    const store: Pick<TrailStore, 'latestCheckpoints'> = { latestCheckpoints: async () => latest };
    return new TrailVerificationStatusQuery(fakeOf<TrailVerifier>(verifier), fakeOf<TrailStore>(store), () => new Date('2026-12-07T12:00:00Z'));
  };

  it('needs the ability to read the audit log, and takes no input', () => {
    expect(TrailVerificationStatusQuery.definition).toMatchObject({ name: 'trail-verification-status', ability: ['read', 'AuditLog'] });
    expect(parsedBy(TrailVerificationStatusQuery.definition.input, {})).toEqual({});
    expect(refusalsOf(TrailVerificationStatusQuery.definition.input, { from: 'x' })).toEqual(['unknown field(s) from']);
  });

  it('verifies from the latest checkpoints, names the newest one, and says what failed', async () => {
    const status = await make([checkpoint('operation', 40, '2026-12-07T01:00:00.000Z'), checkpoint('change', 7, '2026-12-07T03:00:00.000Z')]).execute();
    expect(asked).toEqual([{ from: 'latest' }]);
    expect(status).toMatchObject({
      checkedAt: new Date('2026-12-07T12:00:00Z'),
      scope: 'since-latest-checkpoint',
      ok: false,
      latestCheckpoint: { id: 'cp-change-7', chain: 'change', seq: 7, createdAt: '2026-12-07T03:00:00.000Z' },
      chains: [{ chain: 'change', from: { seq: 7 }, entries: 3, lastSeq: 10, problem: altered }],
      problems: [altered],
      warnings: ['no outside copy'],
    });
    expect(status.checkpoints.map((c) => c.chain)).toEqual(['change', 'operation']);
    expect(JSON.stringify(status)).not.toContain('sig');
  });

  it('says when no checkpoint was made yet', async () => {
    expect(await make([]).execute()).toMatchObject({ latestCheckpoint: null, checkpoints: [] });
  });
});

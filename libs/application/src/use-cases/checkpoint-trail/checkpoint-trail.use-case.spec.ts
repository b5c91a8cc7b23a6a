import type { Checkpoint, CheckpointReason, TrailCheckpointService } from '#vigie/trail';
import { FakeJobLock, fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { CheckpointTrail } from './checkpoint-trail.use-case.js';

function aCheckpoint(chain: Checkpoint['chain'], reason: CheckpointReason): Checkpoint {
  return {
    id: `cp-${chain}`,
    chain,
    seq: 42,
    hash: 'a'.repeat(64),
    createdAt: '2026-05-04T09:30:00.000Z',
    reason,
    keyId: '0123456789abcdef',
    publicKey: 'cHVi',
    signature: 'c2ln',
  };
}

describe(CheckpointTrail.name, () => {
  const input = CheckpointTrail.definition.input;
  let reasons: CheckpointReason[];
  let checkpoints: Pick<TrailCheckpointService, 'checkpointHeads'>;

  beforeEach(() => {
    reasons = [];
    checkpoints = {
      checkpointHeads: async (reason = 'interval') => {
        reasons.push(reason);
        return [aCheckpoint('access', reason), aCheckpoint('change', reason)];
      },
    };
  });
  const sutWith = (lock: FakeJobLock) => new CheckpointTrail(fakeOf<TrailCheckpointService>(checkpoints), lock);

  it('is for system actors only (the command line and the schedule): it declares no ability', () => {
    expect(CheckpointTrail.definition.name).toBe('checkpoint-trail');
    expect(CheckpointTrail.definition.ability).toBeUndefined();
  });

  it('signs for an operator by default, or for the schedule; nothing else', () => {
    expect(parsedBy(input, {})).toEqual({ reason: 'manual' });
    expect(parsedBy(input, { reason: 'interval' })).toEqual({ reason: 'interval' });
    expect(refusalsOf(input, { reason: 'prune' })).toEqual(['reason: expected one of manual, interval']);
  });

  it('signs the head of each chain under the checkpoint lock, with the reason given', async () => {
    const lock = new FakeJobLock();
    const out = await sutWith(lock).execute(parsedBy(input, { reason: 'interval' }));
    expect(lock.asked).toEqual(['trail-checkpoint']);
    expect(reasons).toEqual(['interval']);
    expect(out).toEqual({ ran: true, checkpoints: [aCheckpoint('access', 'interval'), aCheckpoint('change', 'interval')] });
  });

  it('signs nothing when another process is signing, and says it did not run', async () => {
    const out = await sutWith(new FakeJobLock(['trail-checkpoint'])).execute(parsedBy(input, {}));
    expect(out).toEqual({ ran: false, checkpoints: [] });
    expect(reasons).toEqual([]);
  });
});

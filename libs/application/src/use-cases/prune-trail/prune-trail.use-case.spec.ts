import type { PruneResult, TrailKind, TrailPruneService } from '#vigie/trail';
import { FakeJobLock, fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { PruneTrail } from './prune-trail.use-case.js';

describe(PruneTrail.name, () => {
  const input = PruneTrail.definition.input;
  let asked: Array<TrailKind[] | undefined>;
  let pruner: Pick<TrailPruneService, 'prune'>;

  beforeEach(() => {
    asked = [];
    pruner = {
      prune: async (options = {}): Promise<PruneResult[]> => {
        asked.push(options.chains);
        return (options.chains ?? ['access', 'change', 'operation']).map((chain) => ({
          chain,
          retentionDays: 365,
          uptoSeq: 100,
          removed: 100,
          checkpointId: `cp-${chain}`,
        }));
      },
    };
  });
  const sutWith = (lock: FakeJobLock) => new PruneTrail(fakeOf<TrailPruneService>(pruner), lock);

  it('is for system actors only (the command line and the schedule): it declares no ability', () => {
    expect(PruneTrail.definition.name).toBe('prune-trail');
    expect(PruneTrail.definition.ability).toBeUndefined();
  });

  it('refuses a kind of entries that does not exist', () => {
    expect(refusalsOf(input, { kind: 'audit' })).toEqual(['kind: expected one of access, change, operation']);
    expect(refusalsOf(input, { olderThanDays: 30 })).toEqual(['unknown field(s) olderThanDays']);
  });

  it('prunes every kind under the prune lock when none is given', async () => {
    const lock = new FakeJobLock();
    const out = await sutWith(lock).execute(parsedBy(input, {}));
    expect(lock.asked).toEqual(['trail-prune']);
    expect(asked).toEqual([undefined]);
    expect(out.ran).toBe(true);
    expect(out.results.map((r) => r.chain)).toEqual(['access', 'change', 'operation']);
  });

  it('prunes only the kind given', async () => {
    const out = await sutWith(new FakeJobLock()).execute(parsedBy(input, { kind: 'access' }));
    expect(asked).toEqual([['access']]);
    expect(out.results).toEqual([{ chain: 'access', retentionDays: 365, uptoSeq: 100, removed: 100, checkpointId: 'cp-access' }]);
  });

  it('prunes nothing when another process is pruning, and says it did not run', async () => {
    const out = await sutWith(new FakeJobLock(['trail-prune'])).execute(parsedBy(input, {}));
    expect(out).toEqual({ ran: false, results: [] });
    expect(asked).toEqual([]);
  });
});

import type { Checkpoint, TrailStore } from '#vigie/trail';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ListCheckpoints } from './list-checkpoints.use-case.js';

describe(ListCheckpoints.name, () => {
  it('needs the ability to read the audit log', () => {
    expect(ListCheckpoints.definition).toMatchObject({ name: 'list-checkpoints', ability: ['read', 'AuditLog'] });
  });

  it('takes no input', () => {
    expect(parsedBy(ListCheckpoints.definition.input, {})).toEqual({});
    expect(refusalsOf(ListCheckpoints.definition.input, { chain: 'change' })).toEqual(['unknown field(s) chain']);
  });

  it('lists every checkpoint of every chain, as stored', async () => {
    const stored: Checkpoint[] = (['access', 'change', 'operation'] as const).map((chain, i) => ({
      id: `cp-${i}`,
      chain,
      seq: 10 * i,
      hash: String(i).repeat(64),
      createdAt: '2026-05-04T09:30:00.000Z',
      reason: 'interval',
      keyId: '0123456789abcdef',
      publicKey: 'cHVi',
      signature: 'c2ln',
    }));
    const asked: unknown[] = [];
    const store: Pick<TrailStore, 'checkpoints'> = {
      checkpoints: async (...args) => {
        asked.push(args);
        return stored;
      },
    };
    expect(await new ListCheckpoints(fakeOf<TrailStore>(store)).execute()).toEqual(stored);
    // No chain given: the store answers every chain's.
    expect(asked).toEqual([[]]);
  });
});

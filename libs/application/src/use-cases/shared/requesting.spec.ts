import type { HrSource } from '#vigie/hr';
import type { Policy, PolicySource } from '#vigie/policy';
import { SnapshotSlices } from '#vigie/access/testing';
import { fakeOf } from '../../testing/index.js';
import { RequestingWorld } from './requesting.js';

describe('RequestingWorld.recent', () => {
  it('reads the policy again only once it is older than the limit, and never keeps a failed read', async () => {
    let clock = 0;
    const reads: string[] = [];
    let fail = false;
    const policies = fakeOf<PolicySource>({
      load: async () => {
        reads.push(`read at ${clock}`);
        if (fail) throw new Error('invalid policy');
        return { version: String(clock) } as Policy;
      },
    });
    const sources = RequestingWorld.recent({ policies, slices: new SnapshotSlices([]), hr: fakeOf<HrSource>({ load: async () => null }) }, 5_000, () => clock);
    await Promise.all([sources.policies.load(), sources.policies.load()]);
    clock = 5_000;
    expect((await sources.policies.load()).version).toBe('0');
    clock = 5_001;
    fail = true;
    await expect(sources.policies.load()).rejects.toThrow('invalid policy');
    fail = false;
    expect((await sources.policies.load()).version).toBe('5001');
    expect(reads).toEqual(['read at 0', 'read at 5001', 'read at 5001']);
  });
});

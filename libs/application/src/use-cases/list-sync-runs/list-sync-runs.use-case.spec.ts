import type { DirectoryChangeHistory, SyncRunPage } from '#vigie/identity';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ListSyncRuns, listSyncRunsInput } from './list-sync-runs.use-case.js';

describe(ListSyncRuns.name, () => {
  const run = {
    id: '6f1c2a4e-8d3b-4c1e-9a57-0b2d4e6f8a10',
    directory: 'corp',
    mode: 'full' as const,
    status: 'succeeded' as const,
    startedAt: new Date('2026-12-07T02:00:00Z'),
    finishedAt: new Date('2026-12-07T02:01:00Z'),
    error: null,
    stats: { added: 2 },
  };
  let asked: unknown[];
  let sut: ListSyncRuns;

  beforeEach(() => {
    asked = [];
    const history: Pick<DirectoryChangeHistory, 'runs'> = {
      runs: async (query): Promise<SyncRunPage> => {
        asked.push(query);
        return { items: [run], nextCursor: 'next' };
      },
    };
    sut = new ListSyncRuns(fakeOf<DirectoryChangeHistory>(history));
  });

  it('needs the ability to read sync runs', () => {
    expect(ListSyncRuns.definition).toMatchObject({ name: 'list-sync-runs', ability: ['read', 'SyncRun'] });
  });

  it('asks for a page of one directory’s runs and answers the page as it is', async () => {
    expect(await sut.execute(parsedBy(listSyncRunsInput, { directory: 'corp', limit: '10', cursor: 'c1' }))).toEqual({ items: [run], nextCursor: 'next' });
    await sut.execute(parsedBy(listSyncRunsInput, {}));
    expect(asked).toEqual([{ directory: 'corp', limit: 10, cursor: 'c1' }, { limit: 50 }]);
  });

  it('refuses a page out of bounds and an unknown field', () => {
    expect(refusalsOf(listSyncRunsInput, { limit: '0' })).toEqual([expect.stringMatching(/^limit: /)]);
    expect(refusalsOf(listSyncRunsInput, { status: 'failed' })).toEqual(['unknown field(s) status']);
  });
});

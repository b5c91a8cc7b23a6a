import type { AuditRunRecord, FindingFilter, FindingKey, Page } from './audit-run.model.js';
import { decodeFindingsCursor, encodeFindingsCursor } from './findings-cursor.js';
import { FindingsCursorExpiredError, FindingsQueryService } from './findings-query.service.js';
import type { FindingStore, FindingWithState } from './ports/finding.store.js';

const RUN_A = '11111111-1111-4111-8111-111111111111';
const RUN_B = '22222222-2222-4222-8222-222222222222';

function aRun(id: string, counts: Record<string, number>): AuditRunRecord {
  return {
    id,
    status: 'succeeded',
    startedAt: new Date(0),
    finishedAt: new Date(1),
    asOf: new Date('2026-11-15T02:00:00Z'),
    policyVersion: 'v',
    counts,
    error: null,
  };
}

describe(FindingsQueryService.name, () => {
  const runs = new Map([
    [RUN_A, aRun(RUN_A, { total: 120 })],
    [RUN_B, aRun(RUN_B, { total: 7 })],
  ]);
  let latest: string | null;
  let next: FindingKey | null;
  let queried: Array<{ runId: string; filter: FindingFilter; page: Page }>;
  let counted: FindingFilter[];
  let sut: FindingsQueryService;

  beforeEach(() => {
    latest = RUN_B;
    next = null;
    queried = [];
    counted = [];
    const store: Pick<FindingStore, 'latestRun' | 'run' | 'query' | 'count'> = {
      latestRun: async () => (latest ? runs.get(latest)! : null),
      run: async (id) => runs.get(id) ?? null,
      query: async (runId, filter, page) => (queried.push({ runId, filter, page }), { findings: [] as FindingWithState[], next }),
      count: async (_runId, filter) => (counted.push(filter), 3),
    };
    sut = new FindingsQueryService(store as FindingStore);
  });

  it("serves the latest run's first page, with the run's own count and a cursor to the next page", async () => {
    next = { severityRank: 0, rule: 'H-KRBTGT', login: '', id: 'f-9' };
    const page = await sut.current({}, { limit: 10, offset: 0 });
    expect(queried).toEqual([{ runId: RUN_B, filter: {}, page: { limit: 10, offset: 0, after: undefined } }]);
    expect(page).toMatchObject({ auditRunId: RUN_B, total: 7, limit: 10, offset: 0 });
    expect(decodeFindingsCursor(page.nextCursor!)).toEqual({ runId: RUN_B, ...next });
    expect(counted).toEqual([]);
  });

  it('goes on in the run the cursor comes from, even when a newer run has completed', async () => {
    const cursor = { runId: RUN_A, severityRank: 2, rule: 'G-SOD', login: 'jdupont', id: 'f-1' };
    const page = await sut.current({ severity: ['medium'] }, { limit: 10, offset: 0, cursor });
    expect(queried[0]).toEqual({ runId: RUN_A, filter: { severity: ['medium'] }, page: { limit: 10, offset: 0, after: cursor } });
    expect(page).toMatchObject({ auditRunId: RUN_A, nextCursor: null });
  });

  it('counts a filtered list only when asked', async () => {
    expect((await sut.current({ rule: ['G-SOD'] }, { limit: 10, offset: 0 })).total).toBeNull();
    expect((await sut.current({ rule: ['G-SOD'] }, { limit: 10, offset: 0, withTotal: true })).total).toBe(3);
    expect((await sut.current({ rule: [] }, { limit: 10, offset: 0 })).total).toBe(7);
    expect(counted).toEqual([{ rule: ['G-SOD'] }]);
  });

  it('counts an unfiltered list when the run kept no count, and says there is nothing before the first run', async () => {
    runs.set(RUN_B, aRun(RUN_B, {}));
    expect((await sut.current({}, { limit: 10, offset: 0 })).total).toBe(3);
    latest = null;
    expect(await sut.current({}, { limit: 10, offset: 0 })).toMatchObject({ auditRunId: null, total: 0, nextCursor: null, findings: [] });
  });

  it('reads one finding of the latest run by its id, and none before the first run', async () => {
    expect(await sut.one('f-42')).toBeNull();
    expect(queried).toEqual([{ runId: RUN_B, filter: { id: 'f-42' }, page: { limit: 1, offset: 0 } }]);
    latest = null;
    expect(await sut.one('f-42')).toBeNull();
  });

  it('refuses a cursor into a run that is no longer kept', async () => {
    const cursor = { runId: '33333333-3333-4333-8333-333333333333', severityRank: 0, rule: 'H-GUEST', login: '', id: 'f' };
    await expect(sut.current({}, { limit: 10, offset: 0, cursor })).rejects.toBeInstanceOf(FindingsCursorExpiredError);
    await expect(sut.current({}, { limit: 10, offset: 0, cursor })).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('reads back only the cursors it writes', () => {
    const c = { runId: RUN_A, severityRank: 4, rule: 'G-PEER-OUTLIER', login: 'Zoë «x»', id: 'abc' };
    expect(decodeFindingsCursor(encodeFindingsCursor(c))).toEqual(c);
    for (const text of [
      '',
      'not base64 json',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from(JSON.stringify(['x', 0, 'r', '', 'i'])).toString('base64url'),
    ])
      expect(decodeFindingsCursor(text)).toBeNull();
  });
});

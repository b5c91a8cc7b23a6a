import { type Finding, type FindingStore, type FindingsPage, planLifecycle, SEVERITIES } from '#vigie/audit';
import type { Vigie } from '#vigie/application';
import { type ClosableSqlClient, openSqlClient, PgFindingStore, type SqlClient } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';

/**
 * The findings list a page at a time (issue 14): following `nextCursor` serves every finding that matches the filter
 * exactly once and in the list's order, while a new audit run is written and completes between and during pages.
 */
const RULES = ['H-PWD-NEVER-EXPIRES', 'H-INACTIVE-USER', 'G-EXCESS-VS-ROLE', 'G-PEER-OUTLIER', 'H-KRBTGT', 'G-SOD'] as const;

/** A run's findings: `count` of them over rules, severities, two directories, logins of either case and none. */
function findingsOf(count: number, salt: string): Finding[] {
  return Array.from({ length: count }, (_, i) => {
    const login = i % 13 === 0 ? null : `${i % 3 === 0 ? 'U' : 'u'}ser${String(i % 400).padStart(4, '0')}`;
    return {
      id: `${salt}${String(i).padStart(6, '0')}`,
      rule: RULES[i % RULES.length],
      severity: SEVERITIES[(i * 7) % SEVERITIES.length],
      subject: { type: 'account', directory: i % 4 === 0 ? 'branch' : 'corp', dn: `uid=${login ?? `svc${i}`},dc=acme`, login, employeeId: null },
      resource: i % 2 ? { type: 'share', id: `share-${i % 17}`, name: `\\\\fs\\s${i % 17}` } : null,
      message: `finding ${i}`,
      evidence: { i },
      explain: [],
    } satisfies Finding;
  });
}

describe('the findings list, page by page with a cursor, on PostgreSQL', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let store: FindingStore;
  // Kept from one run to the next, as the nightly audit keeps them: the first run's findings, then half of them and new ones.
  const first = findingsOf(1_500, 'a');
  const second = [...first.filter((_, i) => i % 2 === 0), ...findingsOf(700, 'b')];

  const complete = async (findings: Finding[], asOf: Date) => {
    const runId = await store.startRun(asOf);
    await store.completeRun(runId, 'v', findings, { total: findings.length }, (known) => planLifecycle(known, findings, asOf));
    return runId;
  };

  /** Every page of a list, following nextCursor; `between` runs after each page (a new run, written meanwhile). */
  const allPages = async (query: Record<string, unknown>, between: (page: number) => Promise<void> = async () => {}) => {
    const pages: FindingsPage[] = [];
    let cursor: string | null | undefined;
    do {
      const page: FindingsPage = await vigie.run('list-findings', { ...query, ...(cursor ? { cursor } : {}) } as never);
      pages.push(page);
      cursor = page.nextCursor;
      await between(pages.length);
    } while (cursor);
    return pages;
  };

  /** The list in one statement, to check the pages against: the first run's findings matching `keep`, in the store's order. */
  const inOneGo = async (runId: string, filter: Parameters<FindingStore['query']>[1]) =>
    (await store.query(runId, filter, { limit: 100_000, offset: 0 })).findings.map((f) => f.id);

  beforeAll(async () => {
    db = await createTestDatabase();
    vigie = testVigie({ url: db.url });
    store = await vigie.dependencies.findings();
  });

  afterAll(async () => {
    await vigie?.close();
    await db?.drop();
  });

  const cases: Array<[string, Record<string, unknown>, Parameters<FindingStore['query']>[1], (f: Finding) => boolean]> = [
    ['no filter', {}, {}, () => true],
    ['two severities', { severity: 'high,low' }, { severity: ['high', 'low'] }, (f) => f.severity === 'high' || f.severity === 'low'],
    ['one rule', { rule: 'G-EXCESS-VS-ROLE' }, { rule: ['G-EXCESS-VS-ROLE'] }, (f) => f.rule === 'G-EXCESS-VS-ROLE'],
    [
      'one rule, one severity, a directory',
      { rule: 'g-peer-outlier', severity: 'medium', directory: 'corp' },
      { rule: ['G-PEER-OUTLIER'], severity: ['medium'], directory: 'corp' },
      (f) => f.rule === 'G-PEER-OUTLIER' && f.severity === 'medium' && f.subject.directory === 'corp',
    ],
    ['two rules', { rule: 'H-KRBTGT,G-SOD' }, { rule: ['H-KRBTGT', 'G-SOD'] }, (f) => f.rule === 'H-KRBTGT' || f.rule === 'G-SOD'],
    ['a login, any case', { login: 'USER0007' }, { login: 'USER0007' }, (f) => f.subject.login?.toLowerCase() === 'user0007'],
  ];

  it.each(cases)('serves each finding once, in order, with %s, while a new run completes between pages', async (_name, query, filter, keep) => {
    const runId = await complete(first, new Date('2026-11-01T02:00:00Z'));
    const expected = await inOneGo(runId, filter);
    expect([...expected].sort()).toEqual(first.filter(keep).map((f) => f.id));
    const ranks = (await store.query(runId, filter, { limit: 100_000, offset: 0 })).findings.map((f) => SEVERITIES.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    // After the second page, the next run completes; from then on it is the latest, and the pages stay on the first.
    let newer: string | undefined;
    const limit = Math.max(1, Math.ceil(expected.length / 6) - 1);
    const pages = await allPages({ ...query, limit }, async (n) => {
      if (n === 2) newer = await complete(second, new Date('2026-11-02T02:00:00Z'));
    });
    expect((await store.latestRun())!.id).toBe(newer);
    expect(pages.every((p) => p.auditRunId === runId)).toBe(true);
    expect(pages.flatMap((p) => p.findings.map((f) => f.id))).toEqual(expected);
    expect(pages.slice(0, -1).every((p) => p.findings.length === limit && p.nextCursor)).toBe(true);
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it('serves each finding once while a run is being written at the same moment as the pages are read', async () => {
    const runId = await complete(first, new Date('2026-11-03T02:00:00Z'));
    const filter = { severity: ['critical', 'high', 'medium'] };
    const expected = await inOneGo(runId, filter);
    let writing: Promise<string> | undefined;
    const pages = await allPages({ severity: 'critical,high,medium', limit: 50 }, async (n) => {
      if (n === 1) writing = complete(second, new Date('2026-11-04T02:00:00Z'));
    });
    const newer = await writing!;
    expect(pages.flatMap((p) => p.findings.map((f) => f.id))).toEqual(expected);
    // The next list starts on the newer run.
    const fresh = await allPages({ severity: 'critical,high,medium', limit: 500 });
    expect(fresh[0]!.auditRunId).toBe(newer);
    expect(fresh.flatMap((p) => p.findings.map((f) => f.id))).toEqual(await inOneGo(newer, filter));
  });

  it('gives the run its count without a filter, and with one only when asked', async () => {
    const runId = await complete(first, new Date('2026-11-05T02:00:00Z'));
    const plain = await vigie.run('list-findings', { limit: 1 });
    expect(plain).toMatchObject({ auditRunId: runId, total: 1_500 });
    expect((await vigie.run('list-findings', { limit: 1, rule: 'G-SOD', status: 'open' })).total).toBeNull();
    const counted = await vigie.run('list-findings', { limit: 1, rule: 'G-SOD', status: 'open', total: true });
    expect(counted.total).toBe(first.filter((f) => f.rule === 'G-SOD').length);
  });

  /** The plan PostgreSQL makes for the page the store asks for (the statement recorded as it goes, then explained). */
  const planOf = async (sql: ClosableSqlClient, runId: string, filter: Parameters<FindingStore['query']>[1], page: Parameters<FindingStore['query']>[2]) => {
    const asked: Array<{ text: string; params?: unknown[] }> = [];
    const recording = Object.assign(Object.create(sql) as SqlClient, {
      query: (text: string, params?: unknown[]) => (asked.push({ text, params }), sql.query(text, params)),
    });
    await new PgFindingStore(recording).query(runId, filter, page);
    const [{ text, params }] = asked.filter((q) => q.text.includes('ORDER BY'));
    const [row] = (await sql.query(`EXPLAIN (FORMAT JSON) ${text}`, params)) as Array<{ 'QUERY PLAN': unknown }>;
    // A sort under the Limit sorts the matching findings to find the page; one above it only orders the page's rows.
    const nodes: Array<{ node: Record<string, unknown>; underLimit: boolean }> = [];
    const walk = (node: Record<string, unknown>, underLimit: boolean) => {
      nodes.push({ node, underLimit });
      for (const child of (node.Plans as Array<Record<string, unknown>>) ?? []) walk(child, underLimit || node['Node Type'] === 'Limit');
    };
    walk((row!['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>)[0]!.Plan, false);
    return {
      sorts: nodes.filter((n) => n.underLimit && n.node['Node Type'] === 'Sort').length,
      indexes: nodes.map((n) => n.node['Index Name']).filter(Boolean),
    };
  };

  it('reads a page from the index that holds the order for its filter, at any depth, without sorting the run', async () => {
    const sql = await openSqlClient({ url: db.url, dataDir: '' });
    try {
      const runId = await complete(first, new Date('2026-11-07T02:00:00Z'));
      const deep = (await store.query(runId, {}, { limit: 1, offset: 1_200 })).next!;
      const oneRule = (await store.query(runId, { rule: ['G-SOD'] }, { limit: 1, offset: 200 })).next!;
      expect(await planOf(sql, runId, {}, { limit: 50, offset: 0 })).toEqual({ sorts: 0, indexes: expect.arrayContaining(['IDX_finding_run_order']) });
      expect(await planOf(sql, runId, {}, { limit: 50, offset: 0, after: deep })).toEqual({
        sorts: 0,
        indexes: expect.arrayContaining(['IDX_finding_run_order']),
      });
      expect(await planOf(sql, runId, { severity: ['high', 'low'] }, { limit: 50, offset: 0, after: deep })).toMatchObject({ sorts: 0 });
      expect(await planOf(sql, runId, { rule: ['G-SOD'] }, { limit: 50, offset: 0, after: oneRule })).toEqual({
        sorts: 0,
        indexes: expect.arrayContaining(['IDX_finding_run_rule_order']),
      });
      expect(await planOf(sql, runId, { status: ['open'], directory: 'corp' }, { limit: 50, offset: 0, after: deep })).toMatchObject({ sorts: 0 });
      // A login's few findings come from their own index, then sorted: a handful of rows, not the run. Either index on
      // (run, lower(login)) serves it: the equality one, or the prefix one of the `q` search (text_pattern_ops has `=`).
      expect((await planOf(sql, runId, { login: 'user0007' }, { limit: 50, offset: 0 })).indexes).toEqual(
        expect.arrayContaining([expect.stringMatching(/^IDX_finding_run_login(_prefix)?$/)]),
      );
    } finally {
      await sql.close();
    }
  });

  it('still serves the deprecated offset, and refuses it beside a cursor', async () => {
    const runId = await complete(first, new Date('2026-11-06T02:00:00Z'));
    const expected = await inOneGo(runId, {});
    const page = await vigie.run('list-findings', { limit: 10, offset: 100 });
    expect(page.findings.map((f) => f.id)).toEqual(expected.slice(100, 110));
    const after = await vigie.run('list-findings', { limit: 10, cursor: page.nextCursor! });
    expect(after.findings.map((f) => f.id)).toEqual(expected.slice(110, 120));
    await expect(vigie.run('list-findings', { limit: 10, offset: 10, cursor: page.nextCursor! })).rejects.toMatchObject({ kind: 'invalid-input' });
  });
});
